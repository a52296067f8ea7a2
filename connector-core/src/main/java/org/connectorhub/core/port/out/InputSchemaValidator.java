package org.connectorhub.core.port.out;

import java.util.List;
import java.util.Map;
import org.connectorhub.core.domain.ActionDescriptor;
import org.connectorhub.core.domain.FieldError;

/**
 * Checks an action's input against the JSON Schema its descriptor declares (the core has no JSON
 * library; the hub implements this with one). The one place action input is schema-checked, for
 * HTTP and embedded callers alike.
 */
@FunctionalInterface
public interface InputSchemaValidator {
    /**
     * @param provider the connector's provider id, with the action's name a stable key for a compiled schema
     * @return one error per field that does not fit, empty when the input fits; messages never quote a value
     */
    List<FieldError> validate(String provider, ActionDescriptor action, Map<String, Object> input);
}
