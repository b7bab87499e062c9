/** The nft language: lexer, parser and compiler of ruleset files and commands into transaction operations. */
package io.jnetlink.nftables.lang;
