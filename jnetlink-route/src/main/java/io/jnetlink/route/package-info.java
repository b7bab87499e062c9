/** rtnetlink entry point ({@link io.jnetlink.route.Rtnetlink}) and the message types shared by its families. */
package io.jnetlink.route;
