package org.connectorhub.hub.agents;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The shapes agent SDKs take tool definitions in. MCP: {@code name, title, description,
 * inputSchema, annotations}; OpenAI (Chat Completions function tools):
 * {@code {"type":"function","function":{"name","description","parameters"}}}; Anthropic (Messages
 * API tools): {@code {"name","description","input_schema"}}.
 */
public enum ToolFormat {
    MCP, OPENAI, ANTHROPIC;

    public static ToolFormat fromWireName(String value) {
        return ToolFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
    }

    public Map<String, Object> render(AgentTool tool) {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (this) {
            case MCP -> {
                json.put("name", tool.name());
                json.put("title", tool.title());
                json.put("description", tool.description());
                json.put("inputSchema", tool.inputSchema());
                json.put("annotations", annotations(tool));
            }
            case OPENAI -> {
                Map<String, Object> function = new LinkedHashMap<>();
                function.put("name", tool.name());
                function.put("description", tool.description());
                function.put("parameters", tool.inputSchema());
                json.put("type", "function");
                json.put("function", function);
            }
            case ANTHROPIC -> {
                json.put("name", tool.name());
                json.put("description", tool.description());
                json.put("input_schema", tool.inputSchema());
            }
            default -> throw new IllegalStateException("unknown format " + this);
        }
        return json;
    }

    /** MCP tool annotations: hints a client may show or act on; the hub's policy does not rely on them. */
    static Map<String, Object> annotations(AgentTool tool) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put("title", tool.title());
        annotations.put("readOnlyHint", tool.action().readOnly());
        annotations.put("destructiveHint", tool.action().destructive());
        annotations.put("idempotentHint", tool.action().idempotent());
        // every action talks to the provider, outside the hub
        annotations.put("openWorldHint", true);
        return annotations;
    }
}
