package ru.vklad.activity.config;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The VK communities whose Callback API events Vklad accepts, keyed by VK group id. */
@ConfigMapping(prefix = "vklad.vk")
public interface VkCallbackConfig {

    Map<String, Community> communities();

    interface Community {

        /** The string VK expects back from a {@code confirmation} event. */
        String confirmation();

        /** The secret VK sends in every event; events without it, or with another, are refused. */
        String secret();

        /** Whose community this is: {@code employees} or {@code customers}. */
        @WithDefault("employees")
        String audience();
    }
}
