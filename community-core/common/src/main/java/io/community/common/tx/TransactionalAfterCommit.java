package io.community.common.tx;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;

/** The JDBC runtime's {@link AfterCommit}: a transaction synchronization when a transaction is open. */
@Singleton
@Requires(beans = DataSource.class)
public class TransactionalAfterCommit implements AfterCommit {
    private final TransactionOperations<Connection> transactions;

    public TransactionalAfterCommit(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public void run(Runnable action) {
        var status = transactions.findTransactionStatus();
        if (status.isPresent() && !status.get().isCompleted()) {
            status.get().registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
