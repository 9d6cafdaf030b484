package io.localdrop.stackapps.boot;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * {@code @Async} methods run on Spring Boot's application task executor: a pool of 8 threads ({@code task-N}) made one
 * by one as jobs are handed to it, on the thread of the request that hands them (with virtual threads on, a new virtual
 * thread for each job instead).
 */
@Configuration
@EnableAsync
public class AsyncConfig {
}
