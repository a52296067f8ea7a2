package org.connectorhub.hub.webhooks;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import org.connectorhub.hub.lifecycle.Lifecycle;
import org.connectorhub.hub.accounts.AccountChangeListener;

/**
 * Webhooks: account changes go to the outbox in their own transaction ({@link OutboxWriter} as the
 * store's {@link AccountChangeListener}), and {@link WebhookDispatcher} sends them. The HTTP
 * routes ({@link WebhookRoutes}) join the server's route multibinder.
 */
public final class WebhooksModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(WebhookStore.class).to(JdbcWebhookStore.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), AccountChangeListener.class).addBinding().to(OutboxWriter.class);
        Multibinder.newSetBinder(binder(), Lifecycle.class).addBinding().to(WebhookDispatcher.class);
    }
}
