/**
 * Domain values of Connector Hub: what a credential looks like, what verification says,
 * what a linked account is. Plain Java and Immutables only.
 */
@Value.Style(
        visibility = Value.Style.ImplementationVisibility.PUBLIC,
        redactedMask = "****",
        defaults = @Value.Immutable(copy = true))
package org.connectorhub.core.domain;

import org.immutables.value.Value;
