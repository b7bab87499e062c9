/** Shared fixtures of the route module's kernel and golden tests. */
package io.jnetlink.route.testing;
