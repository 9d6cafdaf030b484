package io.localdrop.it.diagnose;

import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Spring's transaction state (spring-tx 6.2's TransactionSynchronizationManager: its resources map, synchronizations,
 * transaction name, read-only flag, isolation level and active flag, each a ThreadLocal) on pooled tasks that run a
 * JdbcTemplate on H2 in a TransactionTemplate: an update rolled back in every third task, a query committed in the
 * others. Correct: Spring binds and unbinds all of it around each transaction. Leaky ({@code leaky}): on top of that,
 * the tasks of every second round bind a resource of its own and never unbinds it, which later tasks on the thread then find.
 * Prints how many tasks found another task's resource or transaction at their start.
 */
public final class SpringTxFixture {
    private static final String OWN_RESOURCE = "request-cache";

    public static void main(String[] args) throws Exception {
        boolean leaky = args.length > 0 && args[0].equals("leaky");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:spring-tx;DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table orders(id int)");
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        transactions.setName("place-order");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int stale = 0;
        int task = 0;
        for (int round = 0; round < 6; round++) {
            int first = task;
            boolean binds = leaky && round % 2 == 0;
            List<Boolean> saw = OnEachThread.run(pool, 2, () -> {
                boolean before = sawAnotherTask();
                int n = first + (Thread.currentThread().getName().endsWith("1") ? 0 : 1);
                if (n % 3 == 0) {
                    transactions.executeWithoutResult(status -> {
                        jdbc.update("insert into orders values (?)", n);
                        status.setRollbackOnly();
                    });
                } else {
                    transactions.execute(status -> jdbc.queryForObject("select count(*) from orders", Integer.class));
                }
                if (binds && TransactionSynchronizationManager.getResource(OWN_RESOURCE) == null) {
                    TransactionSynchronizationManager.bindResource(OWN_RESOURCE, "task-" + n); // tx-leaky-bind
                }
                return before;
            });
            task += 2;
            for (boolean seen : saw) {
                stale += seen ? 1 : 0;
            }
        }
        System.out.println("stale reads: " + stale);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    private static boolean sawAnotherTask() {
        return TransactionSynchronizationManager.getResource(OWN_RESOURCE) != null // tx-stale-read
                || TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.getCurrentTransactionName() != null;
    }
}
