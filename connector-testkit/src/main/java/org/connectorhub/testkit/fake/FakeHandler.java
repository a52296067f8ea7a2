package org.connectorhub.testkit.fake;

/**
 * Answers one routed request of a {@link FakeProviderServer}. An exception thrown here becomes
 * a 500 answer: the fake never leaves a client hanging.
 */
@FunctionalInterface
public interface FakeHandler {
    FakeResponse handle(FakeRequest request);
}
