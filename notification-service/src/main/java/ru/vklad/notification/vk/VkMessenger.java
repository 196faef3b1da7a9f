package ru.vklad.notification.vk;

import java.util.List;
import java.util.Set;

import com.google.gson.Gson;
import com.vk.api.sdk.client.VkApiClient;
import com.vk.api.sdk.client.actors.GroupActor;
import com.vk.api.sdk.exceptions.ApiException;
import com.vk.api.sdk.exceptions.ClientException;
import com.vk.api.sdk.objects.messages.responses.SendUserIdsResponse;

import ru.vklad.notification.config.VkMessagingConfig;

/**
 * {@code messages.send} from the community to one member, through the official SDK, with VK's answer classified for
 * the delivery: sent, not allowed (final), retryable, token rejected, failed. Blocking: call it off the event loop.
 */
public class VkMessenger implements MessageSink {

    /** Too many requests per second, flood control, internal server error. */
    static final Set<Integer> RETRYABLE = Set.of(6, 9, 10);
    static final Set<Integer> NOT_ALLOWED = Set.of(901, 902);
    static final int TOKEN_INVALID = 5;

    private final VkApiClient vk;
    private final GroupActor actor;

    public VkMessenger(VkMessagingConfig.Vk config) {
        // No retries inside the SDK: the delivery owns retries, their backoff and their count.
        this.vk = new VkApiClient(new VkTransport(config.apiUrl(), config.timeout()), new Gson(), 0);
        this.actor = new GroupActor(config.groupId().orElseThrow(), config.token().orElseThrow());
    }

    public SendResult send(long peerId, int randomId, String text) {
        return send(peerId, randomId, text, null);
    }

    @Override
    public SendResult send(long peerId, int randomId, String text, String keyboard) {
        try {
            var query = vk.messages().sendUserIds(actor).peerIds(List.of(peerId)).randomId(randomId).message(text);
            if (keyboard != null) {
                query.unsafeParam("keyboard", keyboard);
            }
            List<SendUserIdsResponse> answers = query.executeWithoutRetry();
            if (answers == null || answers.isEmpty()) {
                return new SendResult.Retryable("VK answered no result for peer " + peerId);
            }
            SendUserIdsResponse answer = answers.get(0);
            if (answer.getError() != null) {
                return classify(answer.getError().getCode(), answer.getError().getDescription());
            }
            return new SendResult.Sent(answer.getMessageId());
        } catch (ApiException e) {
            return classify(e.getCode(), e.getDescription());
        } catch (ClientException e) {
            return new SendResult.Retryable("network: " + e.getMessage());
        } catch (RuntimeException e) {
            // The SDK throws unchecked exceptions for unreadable answers (e.g. an HTML error page from a proxy).
            return new SendResult.Retryable("unreadable answer: " + e);
        }
    }

    static SendResult classify(Integer code, String description) {
        int c = code == null ? -1 : code;
        if (NOT_ALLOWED.contains(c)) {
            return new SendResult.NotAllowed(c, description);
        }
        if (RETRYABLE.contains(c)) {
            return new SendResult.Retryable("VK error " + c + ": " + description);
        }
        if (c == TOKEN_INVALID) {
            return new SendResult.TokenRejected(description);
        }
        return new SendResult.Failed(c, description);
    }
}
