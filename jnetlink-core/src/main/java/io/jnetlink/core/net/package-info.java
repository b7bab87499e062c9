/** Value types shared by every family: MAC addresses, IP prefixes, DNS-free IP literal parsing. */
package io.jnetlink.core.net;
