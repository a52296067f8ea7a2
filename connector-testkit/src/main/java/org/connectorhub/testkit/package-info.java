/**
 * The connector test kit: the contract every connector passes ({@code ConnectorContract}), assertions,
 * an in-memory account store and a test cipher, log capture and secret-leak checks. Depends on the core and
 * test libraries, never on the hub or on a connector.
 */
package org.connectorhub.testkit;
