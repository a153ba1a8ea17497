/** Internals of the LangChain4j adapter: nobody outside the module uses them. */
@NullMarked
package dev.skillrt.langchain4j.internal;

import org.jspecify.annotations.NullMarked;
