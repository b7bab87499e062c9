/** Test support for jnetlink-core: a fresh namespace per kernel test, privilege checks, fd counting. */
package io.jnetlink.core.testing;
