/**
 * Interface addresses, equivalent to {@code ip address}: the {@link io.jnetlink.route.address.Address} record
 * and its builder, the open enumeration {@link io.jnetlink.route.Scope} (shared with routes), the IFA_F_* flags in
 * {@link io.jnetlink.route.address.AddressFlags}, the codec {@link io.jnetlink.route.address.AddressCodec}
 * (IFA_* attributes, request builders, decoder) and the operations in
 * {@link io.jnetlink.route.address.Addresses}.
 */
package io.jnetlink.route.address;
