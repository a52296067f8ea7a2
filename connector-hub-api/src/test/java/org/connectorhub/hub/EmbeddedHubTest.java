package org.connectorhub.hub;

import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.crypto.ApiKeys;
import org.connectorhub.hub.projects.ProjectBootstrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.FieldError;
import org.connectorhub.core.domain.InvalidInputException;
import org.connectorhub.core.domain.InvalidCredentialsException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.core.port.in.LinkAccountUseCase;
import org.connectorhub.core.port.in.LinkCommand;
import org.connectorhub.core.port.in.ManageAccountsUseCase;
import org.connectorhub.core.port.in.RunActionCommand;
import org.connectorhub.core.port.in.RunActionUseCase;
import org.connectorhub.hub.http.HttpServer;
import org.connectorhub.testkit.postmark.FakePostmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host application installs the hub's modules and calls the use cases without HTTP. */
class EmbeddedHubTest {
    @TempDir
    Path dataDir;

    @Test
    void aHostAppLinksListsAndRunsActionsInProcess() {
        try (FakePostmark postmark = FakePostmark.start()) {
            HubConfig config = TestHub.config(postmark, dataDir, ApiKeys.newApiKey()).build();
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            Injector injector = Guice.createInjector(HubModules.embedded(config,
                    new PrintStream(console, true, StandardCharsets.UTF_8)));
            Hub hub = injector.getInstance(Hub.class).start();
            try {
                FakePostmark.Server server = postmark.addServer("Embedded");
                LinkedAccount account = injector.getInstance(LinkAccountUseCase.class)
                        .link(LinkCommand.of(ProjectBootstrap.DEFAULT_PROJECT_ID, "postmark", "host-user",
                                Credentials.of("server_token", server.serverToken())))
                        .account();
                assertThat(account.mode()).isEqualTo(Mode.PRODUCTION);
                assertThat(account.providerAccount().name()).isEqualTo("Embedded");

                assertThat(injector.getInstance(ManageAccountsUseCase.class)
                        .list(AccountQuery.allOf(ProjectBootstrap.DEFAULT_PROJECT_ID)).items())
                        .extracting(LinkedAccount::id).containsExactly(account.id());

                Object sent = injector.getInstance(RunActionUseCase.class).run(new RunActionCommand(
                        ProjectBootstrap.DEFAULT_PROJECT_ID, account.id(), "send_email", Map.of("from", "a@example.com",
                        "to", "b@example.com", "subject", "Hi", "text_body", "Hello"), java.util.Optional.empty()));
                assertThat(sent).isNotNull();
                assertThat(postmark.sentEmailCount()).isEqualTo(1);

                assertThatThrownBy(() -> injector.getInstance(LinkAccountUseCase.class).link(LinkCommand.of(
                        ProjectBootstrap.DEFAULT_PROJECT_ID, "postmark", "host-user",
                        Credentials.of("server_token", "44444444-4444-4444-8444-444444444444"))))
                        .isInstanceOf(InvalidCredentialsException.class);
                assertThat(injector.getExistingBinding(com.google.inject.Key.get(HttpServer.class))).isNull();
            } finally {
                hub.stop();
            }
        }
    }

    @Test
    void badInputThroughTheUseCaseIsRefusedWithFieldErrorsAndCallsNothing() {
        try (FakePostmark postmark = FakePostmark.start()) {
            HubConfig config = TestHub.config(postmark, dataDir, ApiKeys.newApiKey()).build();
            Injector injector = Guice.createInjector(HubModules.embedded(config, System.out));
            Hub hub = injector.getInstance(Hub.class).start();
            try {
                FakePostmark.Server server = postmark.addServer("Embedded");
                LinkedAccount account = injector.getInstance(LinkAccountUseCase.class)
                        .link(LinkCommand.of(ProjectBootstrap.DEFAULT_PROJECT_ID, "postmark", "host-user",
                                Credentials.of("server_token", server.serverToken())))
                        .account();
                int requests = postmark.http().requestCount();
                // the input ActionsApiTest sends over HTTP: no 'to', and a string where a boolean goes
                Map<String, Object> input = Map.of("from", "a@example.com", "subject", "Hi", "text_body", "Hello",
                        "track_opens", "yes");

                assertThatThrownBy(() -> injector.getInstance(RunActionUseCase.class).run(new RunActionCommand(
                        ProjectBootstrap.DEFAULT_PROJECT_ID, account.id(), "send_email", input, Optional.empty())))
                        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                            assertThat(e.code()).isEqualTo("invalid_input");
                            assertThat(e.fieldErrors()).extracting(FieldError::field).contains("to", "track_opens");
                        });
                assertThat(postmark.http().requestCount()).isEqualTo(requests);
                assertThat(postmark.sentEmailCount()).isZero();
            } finally {
                hub.stop();
            }
        }
    }

    @Test
    void servicesRefuseWorkBeforeTheHubStarts() {
        try (FakePostmark postmark = FakePostmark.start()) {
            Injector injector = Guice.createInjector(HubModules.embedded(
                    TestHub.config(postmark, dataDir, null).build(), System.out));
            ManageAccountsUseCase accounts = injector.getInstance(ManageAccountsUseCase.class);
            assertThatThrownBy(() -> accounts.list(AccountQuery.allOf("default")))
                    .hasStackTraceContaining("the database is not started");
            assertThat(dataDir.resolve("hub.mv.db")).doesNotExist();
        }
    }
}
