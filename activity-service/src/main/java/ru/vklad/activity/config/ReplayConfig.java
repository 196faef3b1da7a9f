package ru.vklad.activity.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "vklad.replay")
public interface ReplayConfig {

    /**
     * The token an operator sends (header {@code X-Replay-Token}) to replay retained callbacks; unset, replay is
     * off. From a Secret in a cluster: the activity service takes no user tokens, VK calls it.
     */
    Optional<String> token();
}
