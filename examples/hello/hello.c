// The demo WASM skill: a WASI preview 1 command module.
//
//   hello greet --name NAME [--shout]   prints a greeting
//   hello stats                          reads {"text": "..."} on stdin, prints counts as JSON
//
// Build: ./build.sh (clang --target=wasm32-wasi).
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int greet(int argc, char **argv) {
  const char *name = "world";
  int shout = 0;
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--name") == 0 && i + 1 < argc) {
      name = argv[++i];
    } else if (strcmp(argv[i], "--shout") == 0) {
      shout = 1;
    } else {
      fprintf(stderr, "greet: unexpected argument \"%s\"\n", argv[i]);
      return 2;
    }
  }
  if (shout) {
    printf("HELLO, ");
    for (const char *p = name; *p; p++) putchar(toupper((unsigned char)*p));
    printf("!\n");
  } else {
    printf("Hello, %s!\n", name);
  }
  return 0;
}

static char *read_all(size_t *len) {
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  size_t got;
  while (buf && (got = fread(buf + n, 1, cap - n, stdin)) > 0) {
    n += got;
    if (n == cap) {
      cap *= 2;
      buf = realloc(buf, cap);
    }
  }
  *len = n;
  return buf;
}

// Counts the characters, words and lines of the "text" string in a JSON object.
static int stats(void) {
  size_t len;
  char *in = read_all(&len);
  if (!in) {
    fprintf(stderr, "stats: out of memory\n");
    return 1;
  }
  char *key = NULL;
  for (size_t i = 0; i + 6 <= len; i++) {
    if (memcmp(in + i, "\"text\"", 6) == 0) {
      key = in + i + 6;
      break;
    }
  }
  if (!key) {
    fprintf(stderr, "stats: expected a JSON object with a \"text\" string on stdin\n");
    return 2;
  }
  char *p = key, *end = in + len;
  while (p < end && (*p == ' ' || *p == ':' || *p == '\t' || *p == '\n')) p++;
  if (p >= end || *p != '"') {
    fprintf(stderr, "stats: \"text\" must be a string\n");
    return 2;
  }
  p++;
  long chars = 0, words = 0, lines = 0;
  int in_word = 0;
  while (p < end && *p != '"') {
    char c = *p++;
    if (c == '\\' && p < end) {
      char e = *p++;
      c = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'u' ? 'u' : e;
      if (e == 'u') p += (end - p >= 4) ? 4 : end - p;
    }
    if ((c & 0xC0) != 0x80) chars++;
    if (c == '\n') lines++;
    if (isspace((unsigned char)c)) {
      in_word = 0;
    } else if (!in_word) {
      in_word = 1;
      words++;
    }
  }
  if (chars > 0 && lines == 0) lines = 1;
  printf("{\"chars\": %ld, \"words\": %ld, \"lines\": %ld}\n", chars, words, lines);
  free(in);
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "greet") == 0) return greet(argc, argv);
  if (argc >= 2 && strcmp(argv[1], "stats") == 0) return stats();
  fprintf(stderr, "usage: hello greet --name NAME [--shout] | hello stats < {\"text\": \"...\"}\n");
  return 2;
}
