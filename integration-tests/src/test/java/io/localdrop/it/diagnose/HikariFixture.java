package io.localdrop.it.diagnose;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * HikariCP, unchanged, lending H2 connections to the tasks of a 2-thread pool, as a web application's request
 * threads borrow them. Its ConcurrentBag keeps, per thread, a list of the connections that thread returned, and
 * the next task on the thread reads it first: the pool's thread affinity, not request data. {@code args[0]} is
 * HikariCP's own switch between its two shapes of that list: {@code true} a JDK {@code ArrayList} of weak
 * references (its choice off the system class loader: a Spring Boot fat jar, a web application), {@code false}
 * its own list of the entries themselves.
 */
public final class HikariFixture {
    public static void main(String[] args) throws Exception {
        System.setProperty("com.zaxxer.hikari.useWeakReferences", args[0]);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:hikari;DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            for (int round = 0; round < 4; round++) {
                int r = round;
                List<Integer> answers = OnEachThread.run(pool, 2, () -> {
                    try (Connection connection = dataSource.getConnection(); // hikari-borrow
                         Statement statement = connection.createStatement();
                         ResultSet result = statement.executeQuery("SELECT " + r)) {
                        result.next();
                        return result.getInt(1);
                    }
                });
                System.out.println("round " + round + ": " + answers);
            }
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
