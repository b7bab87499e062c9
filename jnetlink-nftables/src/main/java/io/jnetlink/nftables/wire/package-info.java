/** nfnetlink wire format of nftables objects: message types, attribute numbers (linux/netfilter/nf_tables.h), object codecs, userdata. Not exported. */
package io.jnetlink.nftables.wire;
