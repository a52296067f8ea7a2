package org.connectorhub.hub.console;

import com.google.inject.AbstractModule;

/** The console's stores: sign-in links and sessions, and the Accounts page's query. */
public final class ConsoleModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ConsoleSessionStore.class).to(JdbcConsoleSessionStore.class);
        bind(AccountTable.class).to(JdbcAccountTable.class);
    }
}
