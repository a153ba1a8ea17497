/*
 * The CPU-bound skill of the benchmarks: prints fib(N) for N given as the first argument
 * (default 30), computed by plain recursion so the time goes into calls and arithmetic.
 */
#include <stdio.h>
#include <stdlib.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 30;
  printf("%d\n", fib(n));
  return 0;
}
