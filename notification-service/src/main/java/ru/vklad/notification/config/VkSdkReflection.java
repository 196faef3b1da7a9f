package ru.vklad.notification.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The VK SDK reads its answers with Gson by reflection: register the types Vklad receives for native images. */
@RegisterForReflection(targets = {
        com.vk.api.sdk.objects.messages.responses.SendUserIdsResponse.class,
        com.vk.api.sdk.objects.messages.SendUserIdsResponseItem.class,
        com.vk.api.sdk.objects.base.MessageError.class,
        com.vk.api.sdk.objects.base.Error.class,
        com.vk.api.sdk.objects.base.RequestParam.class
})
public final class VkSdkReflection {

    private VkSdkReflection() {
    }
}
