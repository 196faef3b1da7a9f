package ru.vklad.notification.vk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class VkAnswersTest {

    @Test
    void vkErrorsAreSortedIntoWhatTheDeliveryDoesNext() {
        assertThat(VkMessenger.classify(901, "no permission")).isInstanceOf(SendResult.NotAllowed.class);
        assertThat(VkMessenger.classify(902, "privacy")).isInstanceOf(SendResult.NotAllowed.class);
        for (int retryable : new int[] {6, 9, 10}) {
            assertThat(VkMessenger.classify(retryable, "later")).isInstanceOf(SendResult.Retryable.class);
        }
        assertThat(VkMessenger.classify(5, "invalid access_token")).isInstanceOf(SendResult.TokenRejected.class);
        assertThat(VkMessenger.classify(100, "bad parameter")).isInstanceOf(SendResult.Failed.class);
        assertThat(VkMessenger.classify(null, "no code")).isInstanceOf(SendResult.Failed.class);
    }

    @Test
    void theSdksVkUrlIsSentToTheConfiguredEndpoint() {
        VkTransport transport = new VkTransport(URI.create("http://127.0.0.1:9999/method"), Duration.ofSeconds(1));
        assertThat(transport.rewrite("https://api.vk.com/method/messages.send"))
                .isEqualTo(URI.create("http://127.0.0.1:9999/method/messages.send"));
        assertThat(VkTransport.canonical("content-type")).isEqualTo("Content-Type");
    }
}
