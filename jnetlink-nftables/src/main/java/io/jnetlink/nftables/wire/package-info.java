/**
 * nfnetlink wire format of nftables objects: message types ({@link io.jnetlink.nftables.wire.NftMsg}), the nfgenmsg
 * header and batch framing ({@link io.jnetlink.nftables.wire.NfGenMsg}), attribute numbers from
 * linux/netfilter/nf_tables.h next to the codec that uses them, and one codec per object kind (tables, chains, rules,
 * sets, elements, objects, flowtables, generation). Encoders write what nft 1.0.6 sends, attribute for attribute;
 * decoders read requests, dumps and notifications alike and never lose what the model can hold. Not exported: the
 * monitor, in the same module, decodes notifications with these classes.
 */
package io.jnetlink.nftables.wire;
