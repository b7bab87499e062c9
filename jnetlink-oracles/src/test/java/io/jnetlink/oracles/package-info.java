/** Independent oracles for kernel tests: ip, bridge and nft run with -j and parsed. Test scope only. */
package io.jnetlink.oracles;
