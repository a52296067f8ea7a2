package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.MessageFields;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.domain.TestModeUnsupportedException;
import org.connectorhub.core.spi.ActionRequest;
import org.connectorhub.core.spi.ConnectorAction;

/**
 * One Postmark action: checks the mode and the input before any call, maps the input to
 * Postmark's wire names, calls Postmark, maps the answer back to snake_case.
 */
final class PostmarkAction implements ConnectorAction {
    /** The call itself, given the request's tokens and the input in wire form. */
    @FunctionalInterface
    interface Call {
        JsonNode call(PostmarkTokens tokens, Map<String, Object> wire);
    }

    private final ActionDescriptor descriptor;
    private final PostmarkShape input;
    private final Optional<String> testModeRefusal;
    private final Call call;
    private final Function<Object, Object> output;

    PostmarkAction(ActionDescriptor descriptor, PostmarkShape input, Optional<String> testModeRefusal,
            Call call, Function<Object, Object> output) {
        this.descriptor = requireNonNull(descriptor, "descriptor is null");
        this.input = requireNonNull(input, "input is null");
        this.testModeRefusal = requireNonNull(testModeRefusal, "testModeRefusal is null");
        this.call = requireNonNull(call, "call is null");
        this.output = requireNonNull(output, "output is null");
    }

    @Override
    public ActionDescriptor descriptor() {
        return descriptor;
    }

    PostmarkShape inputShape() {
        return input;
    }

    /** Empty when the action runs in test mode; else why it cannot. */
    Optional<String> testModeRefusal() {
        return testModeRefusal;
    }

    /** The messages of a send: the input itself, or each of a batch's {@code messages}. */
    @Override
    public List<MessageFields> messages(Map<String, Object> input) {
        if (!descriptor.sends()) {
            return List.of();
        }
        if (input.get("messages") instanceof List<?> batch) {
            List<MessageFields> messages = new ArrayList<>();
            for (Object message : batch) {
                if (message instanceof Map<?, ?> map) {
                    messages.add(fields(map));
                }
            }
            return messages;
        }
        return List.of(fields(input));
    }

    private static MessageFields fields(Map<?, ?> message) {
        List<String> recipients = new ArrayList<>();
        for (String field : List.of("to", "cc", "bcc")) {
            recipients.addAll(MessageFields.addresses(message.get(field)));
        }
        Object from = message.get("from");
        return new MessageFields(from instanceof String text ? MessageFields.address(text) : Optional.empty(),
                recipients);
    }

    @Override
    public Object execute(ActionRequest request) {
        requireNonNull(request, "request is null");
        if (request.mode() == Mode.TEST && testModeRefusal.isPresent()) {
            throw new TestModeUnsupportedException(testModeRefusal.get());
        }
        Map<String, Object> wire = input.toWire(request.input());
        PostmarkTokens tokens = new PostmarkTokens(request);
        JsonNode answer = PostmarkCall.run(tokens.labelFor(descriptor.scope()), () -> call.call(tokens, wire));
        return output.apply(PostmarkJson.toOutput(answer));
    }

    @Override
    public String toString() {
        return "PostmarkAction{" + descriptor.name() + "}";
    }
}
