package org.connectorhub.hub.console;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.hub.storage.Jdbc.getInstant;

import com.google.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.connectorhub.core.domain.AccountStatus;
import org.connectorhub.core.domain.Mode;
import org.connectorhub.hub.storage.SqlFilter;
import org.connectorhub.hub.storage.StoreException;

/** The Accounts page's query on the {@code accounts} table (indexes of migrations V1 and V55). */
public final class JdbcAccountTable implements AccountTable {
    private final DataSource dataSource;

    @Inject
    public JdbcAccountTable(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public List<Row> list(Filter filter) {
        SqlFilter sql = SqlFilter.select("SELECT id, provider, account_mode, status, origin_owner_id, origin_owner_name, "
                        + "label, provider_account_name, created_at, last_verified_at FROM accounts WHERE project_id = ?",
                        filter.projectId())
                .equal("status", filter.status().map(AccountStatus::wireName))
                .equal("provider", filter.provider())
                .equal("account_mode", filter.mode().map(Mode::wireName));
        // a name prefix as a range, so both halves of the OR can read an index (no LOWER(), no LIKE)
        filter.owner().ifPresent(owner -> sql.and("(origin_owner_id = ? OR (origin_owner_name >= ? AND origin_owner_name < ?))",
                owner, owner, owner + '\uffff'));
        sql.idAscending(filter.after(), filter.pageSize() + 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.sql())) {
            sql.bind(statement);
            List<Row> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(new Row(row.getString("id"), row.getString("provider"),
                            Mode.fromWireName(row.getString("account_mode")),
                            AccountStatus.fromWireName(row.getString("status")), row.getString("origin_owner_id"),
                            row.getString("origin_owner_name"), Optional.ofNullable(row.getString("label")),
                            row.getString("provider_account_name"), getInstant(row, "created_at"),
                            Optional.ofNullable(getInstant(row, "last_verified_at"))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("list accounts for the console", e);
        }
    }
}
