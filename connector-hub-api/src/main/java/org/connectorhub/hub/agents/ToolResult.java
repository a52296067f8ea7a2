package org.connectorhub.hub.agents;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tool call answers, in MCP's {@code CallToolResult} shape (also the REST call's answer):
 * a text for the model, the structured output, and whether it failed. Expected failures are
 * results with {@code isError}, never protocol errors, so the model can read and act on them.
 */
public record ToolResult(boolean isError, String text, Map<String, Object> structuredContent) {
    public ToolResult {
        requireNonNull(text, "text is null");
        structuredContent = java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(requireNonNull(structuredContent, "structuredContent is null")));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("content", List.of(Map.of("type", "text", "text", text)));
        json.put("structuredContent", structuredContent);
        json.put("isError", isError);
        return json;
    }

    @SuppressWarnings("unchecked")
    static ToolResult fromJson(Map<String, Object> json) {
        List<Map<String, Object>> content = (List<Map<String, Object>>) json.get("content");
        return new ToolResult(Boolean.TRUE.equals(json.get("isError")), String.valueOf(content.get(0).get("text")),
                (Map<String, Object>) json.get("structuredContent"));
    }
}
