/** Interface addresses: typed model, codec (IFA_*), and operations equivalent to {@code ip address}. */
package io.jnetlink.route.address;
