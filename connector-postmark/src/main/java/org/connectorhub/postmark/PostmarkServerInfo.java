package org.connectorhub.postmark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The part of {@code GET /server} the verifier needs. Deliberately without {@code ApiTokens},
 * so the tokens Postmark lists there are never held, printed or stored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record PostmarkServerInfo(
        @JsonProperty("ID") Long id,
        @JsonProperty("Name") String name,
        @JsonProperty("DeliveryType") String deliveryType) {
}
