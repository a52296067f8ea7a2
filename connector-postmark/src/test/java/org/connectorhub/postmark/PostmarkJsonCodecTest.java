package org.connectorhub.postmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Request;
import feign.RequestTemplate;
import feign.Response;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostmarkJsonCodecTest {
    private final PostmarkJsonCodec codec = new PostmarkJsonCodec(PostmarkJson.mapper());

    private static Response answer(int status, String body) {
        Request request = Request.create(Request.HttpMethod.GET, "http://127.0.0.1/server", Map.of(), null,
                StandardCharsets.UTF_8, null);
        return Response.builder().status(status).request(request).headers(Map.of())
                .body(body == null ? null : body.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void a_wire_map_is_written_as_utf8_json_with_its_keys_as_they_are() throws Exception {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("From", "Zoë <sender@example.com>");
        wire.put("To", "receiver@example.com");
        wire.put("Metadata", Map.of("order_id", "42"));
        RequestTemplate template = new RequestTemplate();
        Type type = PostmarkServerApi.class.getMethod("sendEmail", String.class, Map.class).getGenericParameterTypes()[1];
        codec.encode(wire, type, template);
        codec.encode(wire, type, template);
        assertThat(new String(template.body(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"From\":\"Zoë <sender@example.com>\",\"To\":\"receiver@example.com\",\"Metadata\":{\"order_id\":\"42\"}}");
        assertThat(template.requestCharset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void answers_are_read_as_the_method_asks() throws IOException {
        Object node = codec.decode(answer(200, "{\"MessageID\":\"b7bc2f4a\",\"ErrorCode\":0}"), JsonNode.class);
        assertThat(node).isInstanceOfSatisfying(JsonNode.class,
                n -> assertThat(n.path("MessageID").textValue()).isEqualTo("b7bc2f4a"));
        Object info = codec.decode(answer(200, "{\"ID\":7,\"Name\":\"Main\",\"ApiTokens\":[\"x\"],\"Color\":\"Red\"}"),
                PostmarkServerInfo.class);
        assertThat(info).isEqualTo(new PostmarkServerInfo(7L, "Main", null));
    }

    @Test
    void no_body_an_empty_body_204_and_404_are_empty_as_with_feigns_jackson_decoder() throws IOException {
        assertThat(codec.decode(answer(200, null), JsonNode.class)).isNull();
        assertThat(codec.decode(answer(200, ""), JsonNode.class)).isNull();
        assertThat(codec.decode(answer(204, null), List.class)).isEqualTo(List.of());
        assertThat(codec.decode(answer(404, "{}"), PostmarkServerInfo.class)).isNull();
    }

    @Test
    void a_malformed_body_is_an_io_error() {
        assertThatThrownBy(() -> codec.decode(answer(200, "{\"ID\":"), PostmarkServerInfo.class))
                .isInstanceOf(IOException.class);
    }
}
