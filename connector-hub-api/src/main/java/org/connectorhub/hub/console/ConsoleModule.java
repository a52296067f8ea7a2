package org.connectorhub.hub.console;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.connectorhub.hub.operability.HousekeepingTask;

/** The console's stores (sign-in links and sessions, the Accounts page's query) and their housekeeping. */
public final class ConsoleModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ConsoleSessionStore.class).to(JdbcConsoleSessionStore.class);
        bind(AccountTable.class).to(JdbcAccountTable.class);
        Multibinder.newSetBinder(binder(), HousekeepingTask.class).addBinding().to(ConsolePurge.class);
    }
}
