package org.connectorhub.hub.page;

import org.connectorhub.hub.config.HttpConfig;
import org.connectorhub.hub.sessions.SessionJson;

import org.connectorhub.hub.accounts.PlatformRoutes;
import org.connectorhub.hub.http.ApiException;
import org.connectorhub.hub.http.JsonBody;
import org.connectorhub.hub.http.Responses;
import org.connectorhub.hub.http.RouteContributor;
import org.connectorhub.hub.http.RouteTable;
import org.connectorhub.hub.http.WireJson;
import org.connectorhub.hub.projects.Authentication;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.AccountQuery;
import org.connectorhub.core.domain.Credentials;
import org.connectorhub.core.domain.UnknownProviderException;
import org.connectorhub.core.port.in.LinkResult;
import org.connectorhub.core.port.in.ManageAccountsUseCase;
import org.connectorhub.core.port.out.ConnectorRegistry;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.hub.sessions.ConnectSession;
import org.connectorhub.hub.sessions.ConnectSessions;
import org.connectorhub.hub.projects.ProjectStore;
import org.connectorhub.hub.projects.Project;

/**
 * The end-user API behind the Hub page ({@code Authorization: Bearer <connect session token>}).
 * Reading works until the session expires; linking works once.
 */
public final class EndUserRoutes implements RouteContributor {
    private final Authentication auth;
    private final ObjectMapper mapper;
    private final HttpConfig config;
    private final ConnectSessions sessions;
    private final ConnectorRegistry connectors;
    private final ManageAccountsUseCase accounts;
    private final ProjectStore projects;

    @Inject
    public EndUserRoutes(Authentication auth, ObjectMapper mapper, HttpConfig config, ConnectSessions sessions,
            ConnectorRegistry connectors, ManageAccountsUseCase accounts, ProjectStore projects) {
        this.auth = requireNonNull(auth, "auth is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.config = requireNonNull(config, "config is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.projects = requireNonNull(projects, "projects is null");
    }

    @Override
    public void register(RouteTable routes) {
        routes.get("/hub/api/session", auth.endUser(this::session));
        routes.post("/hub/api/accounts", auth.endUser(this::link));
        routes.get("/hub/api/accounts", auth.endUser(this::list));
        routes.delete("/hub/api/accounts/{id}", auth.endUser(this::unlink));
    }

    private void session(Context ctx, ConnectSession session) {
        Map<String, Object> json = SessionJson.of(session);
        Map<String, Object> project = new LinkedHashMap<>();
        project.put("id", session.projectId());
        project.put("name", projects.find(session.projectId()).map(Project::name).orElse(session.projectId()));
        json.put("project", project);
        List<Map<String, Object>> offered = connectors.all().stream()
                .filter(c -> session.provider().map(p -> p.equals(c.descriptor().provider())).orElse(true))
                .map(WireJson::connector)
                .toList();
        json.put("connectors", offered);
        Responses.json(ctx, mapper, 200, json);
    }

    private void link(Context ctx, ConnectSession session) {
        JsonBody body = JsonBody.read(ctx, mapper, config.maxBodyBytes()).allowOnly("provider", "credentials", "label");
        Optional<String> provider = body.optionalString("provider", PlatformRoutes.MAX_NAME).or(session::provider);
        Map<String, String> credentials = body.requiredStringMap("credentials");
        String chosen = provider.orElseThrow(() -> ApiException.required("provider"));
        connectors.find(chosen).map(Connector::descriptor).orElseThrow(() ->
                new UnknownProviderException("No connector for provider '" + chosen + "'."));
        LinkResult result = sessions.link(session, chosen, Credentials.of(credentials), body.optionalString("label"));
        Responses.json(ctx, mapper, result.created() ? 201 : 200,
                WireJson.linkedAccount(result.account(), result.warnings()));
    }

    /** The owner unlinks one of their own accounts; another owner's account is not found. */
    private void unlink(Context ctx, ConnectSession session) {
        String accountId = ctx.pathParam("id");
        if (!accounts.get(session.projectId(), accountId).originOwnerId().equals(session.originOwnerId())) {
            throw new AccountNotFoundException("No account " + accountId + " for this owner.");
        }
        accounts.delete(session.projectId(), accountId);
        ctx.status(204);
    }

    private void list(Context ctx, ConnectSession session) {
        AccountQuery query = new AccountQuery(session.projectId(), Optional.of(session.originOwnerId()),
                PlatformRoutes.nonBlank(ctx.queryParam("provider")), Optional.empty(), PlatformRoutes.pageSize(ctx),
                PlatformRoutes.nonBlank(ctx.queryParam("cursor")));
        Responses.json(ctx, mapper, 200, PlatformRoutes.page(accounts.list(query)));
    }
}
