/** The MCP server's insides: transports, call dispatch, results. Not an API. */
@NullMarked
package dev.skillrt.mcp.internal;

import org.jspecify.annotations.NullMarked;
