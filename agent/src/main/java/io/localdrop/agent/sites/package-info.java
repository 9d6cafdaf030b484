/** ThreadLocal access-site rewriting and the site registry (owned by the diagnose feature). */
package io.localdrop.agent.sites;
