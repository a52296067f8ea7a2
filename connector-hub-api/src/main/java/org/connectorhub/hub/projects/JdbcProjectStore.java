package org.connectorhub.hub.projects;

import org.connectorhub.hub.storage.CacheRegistry;
import org.connectorhub.hub.storage.ChangeNotices;
import org.connectorhub.hub.storage.ExpiringCache;
import org.connectorhub.hub.storage.Jdbc;
import org.connectorhub.hub.storage.StoreException;
import org.connectorhub.hub.storage.AuditTrail;
import org.connectorhub.hub.crypto.ApiKeys;
import static java.util.Objects.requireNonNull;
import static org.connectorhub.hub.storage.Jdbc.fromJson;
import static org.connectorhub.hub.storage.Jdbc.getInstant;
import static org.connectorhub.hub.storage.Jdbc.inTransaction;
import static org.connectorhub.hub.storage.Jdbc.micros;
import static org.connectorhub.hub.storage.Jdbc.setInstant;
import static org.connectorhub.hub.storage.Jdbc.toJson;

import com.fasterxml.jackson.core.type.TypeReference;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ProjectStore} in the hub's database. The lookup by
 * key hash, made on every API call, is cached for a few seconds (found projects only); a change of
 * keys or origins through this store forgets the cache at once, and sends a change notice in its
 * transaction ({@code api_keys:<key id>}, {@code projects:<project id>}) that every hub on
 * PostgreSQL hears (see {@link CacheRegistry}); the TTL stays as a backstop.
 */
public final class JdbcProjectStore implements ProjectStore {
    private static final int MAX_NAME_LENGTH = 200;
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final ExpiringCache<String, Project> byKeyHash;
    private final Duration ttl;
    private final int maxEntries;
    private final AuditTrail audit;
    private final CacheRegistry caches;
    /** The tables named in change notices. */
    public static final String KEYS_TABLE = "api_keys";
    public static final String PROJECTS_TABLE = "projects";

    /** A store without a cache: every lookup reads the database. */
    public JdbcProjectStore(DataSource dataSource) {
        this(dataSource, Duration.ZERO, 0);
    }

    /** A store that keeps up to {@code maxEntries} projects found by API key hash for {@code ttl} (0: none). */
    public JdbcProjectStore(DataSource dataSource, Duration ttl, int maxEntries) {
        this(dataSource, ttl, maxEntries, new CacheRegistry());
    }

    /** As above, its cache subscribed to the hub's change notices. */
    public JdbcProjectStore(DataSource dataSource, Duration ttl, int maxEntries, CacheRegistry caches) {
        this(dataSource, ttl, maxEntries, AuditTrail.NONE, caches);
    }

    private JdbcProjectStore(DataSource dataSource, Duration ttl, int maxEntries, AuditTrail audit,
            CacheRegistry caches) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.ttl = requireNonNull(ttl, "ttl is null");
        this.maxEntries = maxEntries;
        this.caches = requireNonNull(caches, "caches is null");
        this.byKeyHash = new ExpiringCache<>(ttl, maxEntries, (fresh, cached) -> true, caches::bypassed);
        this.audit = requireNonNull(audit, "audit is null");
        caches.onChange(KEYS_TABLE, keyId -> byKeyHash.invalidateIf((hash, project) -> ApiKeys.keyId(hash).equals(keyId)));
        // cached projects carry their origins
        caches.onChange(PROJECTS_TABLE, projectId -> byKeyHash.invalidateIf((hash, project) -> project.id().equals(projectId)));
        caches.onClear(byKeyHash::invalidateAll);
    }

    /** This store, writing an audit entry in the transaction of every key and origin change. */
    public JdbcProjectStore withAudit(AuditTrail audit) {
        return new JdbcProjectStore(dataSource, ttl, maxEntries, audit, caches);
    }

    private void auditKey(Connection connection, String projectId, String type, String apiKeyHash) throws SQLException {
        audit.record(connection, new AuditTrail.Change(projectId, type, ApiKeys.keyId(apiKeyHash), Map.of()));
    }

    /** A new project with a random id ({@code prj_...}) and one API key. */
    @Override
    public Project create(String name, String apiKeyHash) {
        checkName(name);
        checkHash(apiKeyHash);
        Project project = new Project(newId(), name, List.of(), micros(Instant.now()));
        try (Connection connection = dataSource.getConnection()) {
            inTransaction(connection, () -> {
                insertProject(connection, project);
                insertKey(connection, project.id(), apiKeyHash, null);
                audit.record(connection, new AuditTrail.Change(project.id(), "project.created", project.id(),
                        Map.of("after", Map.of("name", name))));
                auditKey(connection, project.id(), "api_key.created", apiKeyHash);
                return project;
            });
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw new IllegalArgumentException("this API key is already in use");
            }
            throw new StoreException("create a project", e);
        }
        return project;
    }

    /**
     * The project {@code id}, created if it does not exist (the bootstrap project); the key is
     * added to it if not present yet. Safe when several hubs start at once.
     */
    @Override
    public Project createIfAbsent(String id, String name, String apiKeyHash) {
        requireNonNull(id, "id is null");
        checkName(name);
        checkHash(apiKeyHash);
        Optional<Project> existing = find(id);
        if (existing.isEmpty()) {
            try (Connection connection = dataSource.getConnection()) {
                insertProject(connection, new Project(id, name, List.of(), micros(Instant.now())));
            } catch (SQLException e) {
                // another hub created it meanwhile
                if (!Jdbc.isUniqueViolation(e)) {
                    throw new StoreException("create a project", e);
                }
            }
        }
        addApiKey(id, apiKeyHash);
        return find(id).orElseThrow(() -> new IllegalStateException("project " + id + " vanished"));
    }

    @Override
    public Optional<Project> find(String id) {
        requireNonNull(id, "id is null");
        List<Project> rows = query("SELECT id, name, allowed_origins, created_at FROM projects WHERE id = ?",
                "find a project", id);
        return rows.stream().findFirst();
    }

    /** The project holding this API key; unknown keys are never cached (they cannot fill memory). */
    @Override
    public Optional<Project> findByApiKeyHash(String apiKeyHash) {
        requireNonNull(apiKeyHash, "apiKeyHash is null");
        return byKeyHash.get(apiKeyHash, () -> readByApiKeyHash(apiKeyHash));
    }

    private Optional<Project> readByApiKeyHash(String apiKeyHash) {
        List<Project> rows = query("SELECT p.id, p.name, p.allowed_origins, p.created_at FROM projects p "
                + "JOIN api_keys k ON k.project_id = p.id WHERE k.hash = ?", "find a project by API key", apiKeyHash);
        return rows.stream().findFirst();
    }

    /** Adds an API key; a no-op when the project has it already. */
    @Override
    public void addApiKey(String projectId, String apiKeyHash) {
        requireNonNull(projectId, "projectId is null");
        checkHash(apiKeyHash);
        try (Connection connection = dataSource.getConnection()) {
            inTransaction(connection, () -> {
                insertKey(connection, projectId, apiKeyHash, null);
                auditKey(connection, projectId, "api_key.created", apiKeyHash);
                return null;
            });
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                Optional<Project> owner = readByApiKeyHash(apiKeyHash);
                if (owner.isPresent() && owner.get().id().equals(projectId)) {
                    return;
                }
                throw new IllegalArgumentException("this API key is already in use");
            }
            if (Jdbc.isForeignKeyViolation(e)) {
                throw new IllegalArgumentException("unknown project " + projectId);
            }
            throw new StoreException("add an API key", e);
        } finally {
            byKeyHash.invalidate(apiKeyHash);
        }
    }

    /**
     * Revokes an API key of the project: refused at once by this hub instance, by other instances
     * within their cache TTL. False when the project had no such key.
     */
    @Override
    public boolean removeApiKey(String projectId, String apiKeyHash) {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(apiKeyHash, "apiKeyHash is null");
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, () -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM api_keys WHERE hash = ? AND project_id = ?")) {
                    statement.setString(1, apiKeyHash);
                    statement.setString(2, projectId);
                    boolean removed = statement.executeUpdate() > 0;
                    if (removed) {
                        auditKey(connection, projectId, "api_key.revoked", apiKeyHash);
                        ChangeNotices.send(connection, KEYS_TABLE, ApiKeys.keyId(apiKeyHash));
                    }
                    return removed;
                }
            });
        } catch (SQLException e) {
            throw new StoreException("remove an API key", e);
        } finally {
            byKeyHash.invalidate(apiKeyHash);
        }
    }

    @Override
    public boolean hasAnyApiKey(String projectId) {
        requireNonNull(projectId, "projectId is null");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT COUNT(*) FROM api_keys WHERE project_id = ?")) {
            statement.setString(1, projectId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new StoreException("count API keys", e);
        }
    }

    /** All projects, ordered by id. */
    @Override
    public List<Project> list() {
        return query("SELECT id, name, allowed_origins, created_at FROM projects ORDER BY id", "list projects");
    }

    /** Replaces the origins allowed to embed the Hub page. */
    @Override
    public void setAllowedOrigins(String projectId, List<String> origins) {
        requireNonNull(projectId, "projectId is null");
        List<String> copy = List.copyOf(requireNonNull(origins, "origins is null"));
        try (Connection connection = dataSource.getConnection()) {
            inTransaction(connection, () -> {
                List<String> before = null;
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT allowed_origins FROM projects WHERE id = ? FOR UPDATE")) {
                    select.setString(1, projectId);
                    try (ResultSet row = select.executeQuery()) {
                        if (row.next()) {
                            before = fromJson(row.getString(1), STRING_LIST);
                        }
                    }
                }
                if (before == null) {
                    throw new IllegalArgumentException("unknown project " + projectId);
                }
                try (PreparedStatement statement = connection.prepareStatement(
                        "UPDATE projects SET allowed_origins = ? WHERE id = ?")) {
                    statement.setString(1, toJson(copy));
                    statement.setString(2, projectId);
                    statement.executeUpdate();
                }
                ChangeNotices.send(connection, PROJECTS_TABLE, projectId);
                if (!before.equals(copy)) {
                    Map<String, Object> change = new LinkedHashMap<>();
                    change.put("before", before);
                    change.put("after", copy);
                    audit.record(connection, new AuditTrail.Change(projectId, "project.origins_changed", projectId,
                            Map.of("allowed_origins", change)));
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreException("set allowed origins", e);
        } finally {
            // cached projects carry their origins
            byKeyHash.invalidateAll();
        }
    }

    private static void insertProject(Connection connection, Project project) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO projects (id, name, allowed_origins, created_at) VALUES (?, ?, ?, ?)")) {
            statement.setString(1, project.id());
            statement.setString(2, project.name());
            statement.setString(3, toJson(project.allowedOrigins()));
            setInstant(statement, 4, project.createdAt());
            statement.executeUpdate();
        }
    }

    private static Instant insertKey(Connection connection, String projectId, String apiKeyHash, String prefix)
            throws SQLException {
        Instant now = micros(Instant.now());
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO api_keys (hash, project_id, created_at, id, prefix) VALUES (?, ?, ?, ?, ?)")) {
            statement.setString(1, apiKeyHash);
            statement.setString(2, projectId);
            setInstant(statement, 3, now);
            statement.setString(4, ApiKeys.keyId(apiKeyHash));
            statement.setString(5, prefix);
            statement.executeUpdate();
        }
        // unknown keys are never cached; the notice is sent anyway, so every key change has one
        ChangeNotices.send(connection, KEYS_TABLE, ApiKeys.keyId(apiKeyHash));
        return now;
    }

    @Override
    public List<ApiKey> listApiKeys(String projectId) {
        requireNonNull(projectId, "projectId is null");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id, prefix, created_at, last_used_at FROM api_keys WHERE project_id = ? "
                                + "ORDER BY created_at, id")) {
            statement.setString(1, projectId);
            List<ApiKey> keys = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    keys.add(new ApiKey(row.getString("id"), Optional.ofNullable(row.getString("prefix")),
                            getInstant(row, "created_at"), Optional.ofNullable(getInstant(row, "last_used_at"))));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new StoreException("list API keys", e);
        }
    }

    @Override
    public ApiKey createApiKey(String projectId, String apiKeyHash, String prefix) {
        requireNonNull(projectId, "projectId is null");
        checkHash(apiKeyHash);
        requireNonNull(prefix, "prefix is null");
        if (prefix.length() > ApiKey.PREFIX_LENGTH) {
            throw new IllegalArgumentException("an API key prefix has at most " + ApiKey.PREFIX_LENGTH + " characters");
        }
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, () -> {
                Instant created = insertKey(connection, projectId, apiKeyHash, prefix);
                auditKey(connection, projectId, "api_key.created", apiKeyHash);
                return new ApiKey(ApiKeys.keyId(apiKeyHash), Optional.of(prefix), created, Optional.empty());
            });
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw new IllegalArgumentException("this API key is already in use");
            }
            if (Jdbc.isForeignKeyViolation(e)) {
                throw new IllegalArgumentException("unknown project " + projectId);
            }
            throw new StoreException("create an API key", e);
        } finally {
            byKeyHash.invalidate(apiKeyHash);
        }
    }

    @Override
    public ApiKey.Revocation revokeApiKey(String projectId, String keyId, Optional<String> callerKeyId) {
        requireNonNull(projectId, "projectId is null");
        requireNonNull(keyId, "keyId is null");
        requireNonNull(callerKeyId, "callerKeyId is null");
        String revokedHash = null;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // the project's keys, locked: two revocations at once cannot both pass the last-key check
                Map<String, String> hashById = new LinkedHashMap<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT id, hash FROM api_keys WHERE project_id = ? ORDER BY id FOR UPDATE")) {
                    select.setString(1, projectId);
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            hashById.put(row.getString(1), row.getString(2));
                        }
                    }
                }
                String hash = hashById.get(keyId);
                if (hash == null) {
                    connection.rollback();
                    return ApiKey.Revocation.NOT_FOUND;
                }
                if (callerKeyId.filter(keyId::equals).isPresent() && hashById.size() == 1) {
                    connection.rollback();
                    return ApiKey.Revocation.LAST_KEY;
                }
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM api_keys WHERE hash = ? AND project_id = ?")) {
                    delete.setString(1, hash);
                    delete.setString(2, projectId);
                    delete.executeUpdate();
                }
                auditKey(connection, projectId, "api_key.revoked", hash);
                ChangeNotices.send(connection, KEYS_TABLE, keyId);
                connection.commit();
                revokedHash = hash;
                return ApiKey.Revocation.REVOKED;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("revoke an API key", e);
        } finally {
            if (revokedHash != null) {
                byKeyHash.invalidate(revokedHash);
            }
        }
    }

    @Override
    public void recordApiKeyUse(Map<String, Instant> lastUsedByKeyId) {
        if (lastUsedByKeyId.isEmpty()) {
            return;
        }
        // only forward in time: two hubs flushing out of order never move it back
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")) {
            for (Map.Entry<String, Instant> use : new java.util.TreeMap<>(lastUsedByKeyId).entrySet()) {
                Instant at = micros(use.getValue());
                setInstant(statement, 1, at);
                statement.setString(2, use.getKey());
                setInstant(statement, 3, at);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("record API key use", e);
        }
    }

    private List<Project> query(String sql, String operation, String... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<Project> projects = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    projects.add(new Project(row.getString(1), row.getString(2),
                            fromJson(row.getString(3), STRING_LIST), getInstant(row, "created_at")));
                }
            }
            return projects;
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        }
    }

    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "prj_" + HexFormat.of().formatHex(bytes);
    }

    private static void checkName(String name) {
        requireNonNull(name, "name is null");
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH || name.indexOf(0) >= 0) {
            throw new IllegalArgumentException("project name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
    }

    private static void checkHash(String apiKeyHash) {
        requireNonNull(apiKeyHash, "apiKeyHash is null");
        if (apiKeyHash.isBlank() || apiKeyHash.length() > 128 || apiKeyHash.indexOf(0) >= 0) {
            throw new IllegalArgumentException("API key hash must be 1 to 128 characters");
        }
    }
}
