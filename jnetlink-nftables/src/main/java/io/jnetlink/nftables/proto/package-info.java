/** Protocol knowledge shared by the renderer and the compiler: header fields, meta and ct keys, datatypes with parse and format. */
package io.jnetlink.nftables.proto;
