package org.connectorhub.postmark;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import feign.RequestTemplate;
import feign.Response;
import feign.Util;
import feign.codec.Decoder;
import feign.codec.EncodeException;
import feign.codec.Encoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feign's JSON encoder and decoder on our mapper, doing what {@code JacksonEncoder} and
 * {@code JacksonDecoder} do with less per call: a reader and a writer per Java type, made once
 * and reused (Jackson's readers and writers are immutable and thread-safe); bodies go in and come
 * out as bytes, never through a {@code Reader} and a charset lookup (Postmark speaks UTF-8, which
 * Jackson detects from the bytes).
 */
final class PostmarkJsonCodec implements Encoder, Decoder {
    private final ObjectMapper mapper;
    private final Map<Type, ObjectWriter> writers = new ConcurrentHashMap<>();
    private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

    PostmarkJsonCodec(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @Override
    public void encode(Object object, Type bodyType, RequestTemplate template) {
        try {
            ObjectWriter writer = writers.computeIfAbsent(bodyType, t -> mapper.writerFor(mapper.constructType(t)));
            template.body(writer.writeValueAsBytes(object), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new EncodeException(e.getMessage(), e);
        }
    }

    @Override
    public Object decode(Response response, Type type) throws IOException {
        // as JacksonDecoder: 404 and 204 are an empty value, no body or an empty one is null
        if (response.status() == 404 || response.status() == 204) {
            return Util.emptyValueOf(type);
        }
        if (response.body() == null) {
            return null;
        }
        byte[] body;
        try (InputStream in = response.body().asInputStream()) {
            body = in.readAllBytes();
        }
        if (body.length == 0) {
            return null;
        }
        try {
            return readers.computeIfAbsent(type, t -> mapper.readerFor(mapper.constructType(t))).readValue(body);
        } catch (RuntimeJsonMappingException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }
}
