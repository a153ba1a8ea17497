/*
 * skillrt-launch: starts one program of a native skill call, in one program start instead of a
 * chain of helpers (setpriv, unshare, timeout, prlimit, setsid).
 *
 *   skillrt-launch [options] -- PROGRAM [ARG...]
 *
 *   --die-with-parent PID SIGKILL when the parent, the process PID (the JVM), dies; ends at once
 *                         when its parent is not PID any more (it died before this could arm)
 *   --drop UID:GID        root only: clear the supplementary groups and become UID:GID (before
 *                         --die-with-parent is armed: a change of user disarms it)
 *   --pid-namespace       a PID namespace of the call's own; a child is its PID 1 (as --init), so
 *                         when the call ends the kernel kills and reaps all of it, even processes
 *                         that left the session. The child dies with this process
 *   --map-user            with --pid-namespace, when not root: a user namespace of its own where
 *                         the user maps to itself (the program keeps no capability)
 *   --init                act as PID 1: run PROGRAM as a child (PID 2, where signals behave as
 *                         usual), pass on SIGTERM, SIGINT, SIGHUP and SIGQUIT, reap every orphan,
 *                         end when PROGRAM ends, with its exit status (128 + N for signal N)
 *   --setsid              PROGRAM starts a session of its own
 *   --rlimit RES=SOFT:HARD  a resource limit of PROGRAM (and what it starts): as, cpu, nproc, fsize;
 *                         PROGRAM never dumps core (core=0:0 always: a dump would carry the call's
 *                         memory, its secrets among them, out of the call)
 *   --version             print the version and end
 *
 *   skillrt-launch --serve SOCKET --die-with-parent PID
 *
 * Serves the JVM PID: starts calls for it, saving the JVM's own start of a helper and a program
 * per call. It listens on the Unix socket SOCKET (which must not exist; made with mode 0600),
 * reads a 32-byte token on its stdin, prints "ready" and a newline, and ends when its stdin ends or
 * the JVM dies. It answers only connections of the process PID itself (SO_PEERCRED). A call is one connection: the JVM sends
 * the call (see read_call); the call's own process (a fork of the server, in a session of its own)
 * answers with the token (so a socket put in the server's place by another process is found out)
 * and three native 32-bit ints, its pid (minus errno when the call cannot be set up) and the numbers of the
 * read ends of two pipes, the program's stdout and stderr, which the JVM opens through
 * /proc/PID/fd; it then waits for one byte (the JVM holds a handle on the pid and both pipes by
 * then, so the pid is never reused under it), starts the call as the options of the call say,
 * and answers its exit status when it ends (128 + N for signal N). That
 * process dies with the server, which dies with the JVM.
 *
 * No shell, no PATH lookup: PROGRAM is an absolute path. The environment is handed to PROGRAM
 * unchanged. Failures of the launcher itself exit with 125 and one line on stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define VERSION "skillrt-launch 1"
#define FAILED 125
#define MAX_LIMITS 8

struct limit {
  int resource;
  struct rlimit value;
};

static struct limit limits[MAX_LIMITS];
static int limit_count;
static volatile pid_t forward_to;
/* served calls: the process --die-with-parent checks for is the call's own, not the JVM */
static pid_t served_parent;
/* served calls: where the status of the call goes instead of this process's own exit status */
static int status_fd = -1;

/* A served call's status, on the JVM's connection (nothing when not served). */
static void report_status(int code) {
  if (status_fd >= 0) {
    send(status_fd, &code, sizeof code, MSG_NOSIGNAL);
  }
}

static void report_failure(void) {
  report_status(FAILED);
}

static void fail(const char *what) {
  int e = errno;
  report_failure();
  fprintf(stderr, "skillrt-launch: %s: %s\n", what, e ? strerror(e) : "invalid");
  _exit(FAILED);
}

static void usage(const char *what) {
  report_failure();
  fprintf(stderr, "skillrt-launch: %s\n", what);
  _exit(FAILED);
}

/* A decimal number that is the whole of [s, stop): digits only, no sign, no overflow. */
static int parse_uint(const char *s, const char *stop, unsigned long long *out) {
  unsigned long long v = 0;
  if (s == stop) {
    return -1;
  }
  for (const char *c = s; c < stop; c++) {
    if (*c < '0' || *c > '9' || v > (~0ULL - 9) / 10) {
      return -1;
    }
    v = v * 10 + (unsigned long long) (*c - '0');
  }
  *out = v;
  return 0;
}

/* "A:B" as two whole numbers. */
static int parse_pair(const char *s, unsigned long long *a, unsigned long long *b) {
  const char *colon = strchr(s, ':');
  return colon == NULL || parse_uint(s, colon, a) || parse_uint(colon + 1, colon + strlen(colon), b)
      ? -1
      : 0;
}

static void add_limit(const char *spec) {
  static const struct {
    const char *name;
    int resource;
  } names[] = {{"as", RLIMIT_AS}, {"cpu", RLIMIT_CPU}, {"nproc", RLIMIT_NPROC},
               {"fsize", RLIMIT_FSIZE}};
  const char *eq = strchr(spec, '=');
  unsigned long long s, h;
  if (limit_count == MAX_LIMITS || eq == NULL || parse_pair(eq + 1, &s, &h) || s > h) {
    usage("--rlimit takes RES=SOFT:HARD with SOFT <= HARD");
  }
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (strlen(names[i].name) == (size_t) (eq - spec)
        && strncmp(spec, names[i].name, (size_t) (eq - spec)) == 0) {
      limits[limit_count].resource = names[i].resource;
      limits[limit_count].value.rlim_cur = s;
      limits[limit_count].value.rlim_max = h;
      limit_count++;
      return;
    }
  }
  usage("--rlimit: unknown resource (as, cpu, nproc, fsize)");
}

static void die_with_parent(pid_t parent) {
  if (served_parent > 0) {
    parent = served_parent;
  }
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
    fail("prctl(PR_SET_PDEATHSIG)");
  }
  if (getppid() != parent) {
    report_failure();
    _exit(FAILED); /* the parent died before the line above, or is not the one named */
  }
}

static void write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t) strlen(text)) {
    fail(path);
  }
  close(fd);
}

static void map_user(uid_t uid, gid_t gid) {
  char line[64];
  write_file("/proc/self/setgroups", "deny");
  snprintf(line, sizeof line, "%u %u 1\n", (unsigned) uid, (unsigned) uid);
  write_file("/proc/self/uid_map", line);
  snprintf(line, sizeof line, "%u %u 1\n", (unsigned) gid, (unsigned) gid);
  write_file("/proc/self/gid_map", line);
}

static void default_signals(void) {
  sigset_t none;
  for (int sig = 1; sig < NSIG; sig++) {
    signal(sig, SIG_DFL);
  }
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
}

static void run_program(char **argv, int new_session) {
  static const struct rlimit no_core = {0, 0};
  default_signals();
  if (setrlimit(RLIMIT_CORE, &no_core) != 0) {
    fail("setrlimit(RLIMIT_CORE)");
  }
  for (int i = 0; i < limit_count; i++) {
    if (setrlimit(limits[i].resource, &limits[i].value) != 0) {
      fail("setrlimit");
    }
  }
  if (new_session && setsid() < 0) {
    fail("setsid");
  }
  execv(argv[0], argv);
  fprintf(stderr, "skillrt-launch: cannot run %s: %s\n", argv[0], strerror(errno));
  _exit(errno == ENOENT ? 127 : 126);
}

static int status_code(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void forward(int sig) {
  if (forward_to > 0) {
    kill(forward_to, sig);
  }
}

/* PID 1 of the call: the program is its child; every orphan is reaped until the program ends. */
static void init(char **argv, int new_session) {
  static const int passed[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT};
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = forward;
  sa.sa_flags = SA_RESTART;
  sigset_t held, before;
  sigemptyset(&held);
  for (size_t i = 0; i < sizeof passed / sizeof passed[0]; i++) {
    sigaction(passed[i], &sa, NULL);
    sigaddset(&held, passed[i]);
  }
  /* a signal that comes while the program is being started waits until it can be passed on */
  sigprocmask(SIG_BLOCK, &held, &before);
  pid_t program = fork();
  if (program < 0) {
    fail("fork");
  }
  if (program == 0) {
    run_program(argv, new_session);
  }
  forward_to = program;
  sigprocmask(SIG_SETMASK, &before, NULL);
  for (;;) {
    int status;
    pid_t ended = waitpid(-1, &status, 0);
    if (ended == program) {
      _exit(status_code(status));
    }
    if (ended < 0 && errno != EINTR) {
      fail("waitpid");
    }
  }
}

/* A served call's waiting process lets go of the call's stdio, so its end is seen when the call's. */
static void release_stdio(void) {
  int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  for (int fd = 0; fd < 3; fd++) {
    if (null >= 0) {
      dup2(null, fd);
    } else {
      close(fd);
    }
  }
  if (null > 2) {
    close(null);
  }
}

/* Waits for the namespace's PID 1 and ends the same way it did. */
static void wait_for(pid_t child) {
  int status;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) {
      fail("waitpid");
    }
  }
  if (status_fd >= 0) {
    report_status(status_code(status));
    _exit(0);
  }
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    sigset_t only;
    signal(sig, SIG_DFL);
    sigemptyset(&only);
    sigaddset(&only, sig);
    sigprocmask(SIG_UNBLOCK, &only, NULL);
    kill(getpid(), sig);
  }
  _exit(status_code(status));
}

static void serve(const char *path, pid_t jvm);

/* Parses the options and starts PROGRAM as they say: never returns. */
static void launch(int argc, char **argv) {
  unsigned long long parent = 0;
  int die = 0, pid_namespace = 0, mapped = 0, as_init = 0, new_session = 0, drop = 0;
  unsigned long long drop_uid = 0, drop_gid = 0;
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    } else if (strcmp(a, "--die-with-parent") == 0 && i + 1 < argc) {
      if (parse_uint(argv[i + 1], argv[i + 1] + strlen(argv[i + 1]), &parent) || parent == 0
          || parent > 0x7fffffff) {
        usage("--die-with-parent takes the pid of the parent");
      }
      i++;
      die = 1;
    } else if (strcmp(a, "--pid-namespace") == 0) {
      pid_namespace = 1;
    } else if (strcmp(a, "--map-user") == 0) {
      mapped = 1;
    } else if (strcmp(a, "--init") == 0) {
      as_init = 1;
    } else if (strcmp(a, "--setsid") == 0) {
      new_session = 1;
    } else if (strcmp(a, "--rlimit") == 0 && i + 1 < argc) {
      add_limit(argv[++i]);
    } else if (strcmp(a, "--drop") == 0 && i + 1 < argc) {
      if (parse_pair(argv[++i], &drop_uid, &drop_gid) || drop_uid == 0 || drop_gid == 0
          || drop_uid >= (uid_t) -1 || drop_gid >= (gid_t) -1) {
        usage("--drop takes UID:GID of an unprivileged user");
      }
      drop = 1;
    } else {
      report_failure();
      fprintf(stderr, "skillrt-launch: unknown option %s\n", a);
      _exit(FAILED);
    }
  }
  if (i >= argc || argv[i][0] != '/') {
    usage("expected -- and the absolute path of the program");
  }
  char **program = argv + i;
  signal(SIGCHLD, SIG_DFL); /* an inherited "ignore" would leave no status to wait for */
  if (drop) {
    uid_t r, e, s;
    gid_t gr, ge, gs;
    if (setgroups(0, NULL) != 0 || setresgid(drop_gid, drop_gid, drop_gid) != 0
        || setresuid(drop_uid, drop_uid, drop_uid) != 0 || getresuid(&r, &e, &s) != 0
        || getresgid(&gr, &ge, &gs) != 0 || r != drop_uid || e != drop_uid || s != drop_uid
        || gr != drop_gid || ge != drop_gid || gs != drop_gid) {
      fail("dropping to the sandbox user");
    }
  }
  if (die) {
    die_with_parent((pid_t) parent); /* after the drop, which would disarm it */
  }
  if (pid_namespace) {
    uid_t uid = getuid();
    gid_t gid = getgid();
    sigset_t held, before;
    if (unshare(CLONE_NEWPID | (mapped ? CLONE_NEWUSER : 0)) != 0) {
      fail("unshare");
    }
    if (mapped) {
      map_user(uid, gid);
    }
    /* a terminal's SIGINT, SIGQUIT or SIGHUP, or a SIGTERM, is for the call, not for this process */
    sigemptyset(&held);
    sigaddset(&held, SIGINT);
    sigaddset(&held, SIGTERM);
    sigaddset(&held, SIGHUP);
    sigaddset(&held, SIGQUIT);
    sigprocmask(SIG_BLOCK, &held, &before);
    /* the parent holds the write end until it ends: the child sees whether it already has */
    int alive[2];
    if (pipe2(alive, O_CLOEXEC) != 0) {
      fail("pipe");
    }
    pid_t first = fork();
    if (first < 0) {
      fail("fork");
    }
    if (first > 0) {
      close(alive[0]);
      if (status_fd >= 0) {
        release_stdio();
      }
      wait_for(first);
    }
    close(alive[1]);
    if (served_parent > 0) {
      close(status_fd);
      status_fd = -1;
      /* PID 1 of a served call leads a session of its own: a program's "kill 0" reaches its own
       * call only, never the server or the other calls */
      if (setsid() < 0) {
        fail("setsid");
      }
    }
    sigprocmask(SIG_SETMASK, &before, NULL);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
      fail("prctl(PR_SET_PDEATHSIG)");
    }
    struct pollfd gone = {.fd = alive[0], .events = POLLIN};
    if (poll(&gone, 1, 0) != 0) {
      _exit(FAILED); /* the parent died before the line above */
    }
    close(alive[0]);
    as_init = 1;
  }
  if (status_fd >= 0 && !as_init) {
    /* a served call without PID 1 of its own: this process stays to report the status */
    pid_t child = fork();
    if (child < 0) {
      fail("fork");
    }
    if (child > 0) {
      release_stdio();
      wait_for(child);
    }
    close(status_fd);
    status_fd = -1;
  }
  if (as_init) {
    init(program, new_session);
  }
  run_program(program, new_session);
}


/* ---- serving the JVM ---------------------------------------------------------------------- */

#define MAX_STRINGS (64u << 20)
#define MAX_COUNT 65536u

/* Reads exactly n bytes; 0 when done, -1 on an error or an early end. */
static int read_all(int fd, void *buf, size_t n) {
  char *p = buf;
  while (n > 0) {
    ssize_t got = read(fd, p, n);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got <= 0) {
      return -1;
    }
    p += got;
    n -= (size_t) got;
  }
  return 0;
}

static void answer(int fd, int value) {
  send(fd, &value, sizeof value, MSG_NOSIGNAL);
}

/* The call as the JVM sends it on the control connection, all integers native:
 *   u32 argc, u32 envc, u32 size of the strings, i64 size of stdin (-1: none),
 *   the strings: the working folder, argv (argv[0] the launcher), the environment, each ending
 *   in a NUL byte, then the bytes of stdin.
 * The folder is entered, stdin is put in a memory file, and the strings handed out. */
static int read_call(int control, char ***argv_out, int *argc_out, char ***env_out, int *stdin_fd) {
  struct {
    uint32_t argc, envc, size;
    int64_t input;
  } __attribute__((packed)) head;
  if (read_all(control, &head, sizeof head) || head.argc < 2 || head.argc > MAX_COUNT
      || head.envc > MAX_COUNT || head.size == 0 || head.size > MAX_STRINGS) {
    return -EPROTO;
  }
  char *strings = malloc(head.size);
  char **argv = calloc(head.argc + 1, sizeof *argv);
  char **env = calloc(head.envc + 1, sizeof *env);
  if (strings == NULL || argv == NULL || env == NULL) {
    return -ENOMEM;
  }
  if (read_all(control, strings, head.size) || strings[head.size - 1] != '\0') {
    return -EPROTO;
  }
  char *s = strings;
  char *end = strings + head.size;
  const char *folder = s;
  s += strlen(s) + 1;
  for (uint32_t i = 0; i < head.argc + head.envc; i++) {
    if (s >= end) {
      return -EPROTO;
    }
    if (i < head.argc) {
      argv[i] = s;
    } else {
      env[i - head.argc] = s;
    }
    s += strlen(s) + 1;
  }
  if (s != end) {
    return -EPROTO;
  }
  int input = memfd_create("stdin", 0);
  if (input < 0) {
    return -errno;
  }
  char buf[65536];
  for (int64_t left = head.input; left > 0;) {
    size_t n = left < (int64_t) sizeof buf ? (size_t) left : sizeof buf;
    if (read_all(control, buf, n) || write(input, buf, n) != (ssize_t) n) {
      return -EPROTO;
    }
    left -= (int64_t) n;
  }
  if (lseek(input, 0, SEEK_SET) != 0) {
    return -errno;
  }
  if (chdir(folder) != 0) {
    return -errno;
  }
  *argv_out = argv;
  *argc_out = (int) head.argc;
  *env_out = env;
  *stdin_fd = input;
  return 0;
}

/* One call, in its own process (a child of the server): never returns. */
/* What the JVM gave the server on its stdin: only it and the server know it. */
static unsigned char token[32];

static void serve_call(int control, pid_t server) {
  extern char **environ;
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != server) {
    _exit(FAILED);
  }
  signal(SIGCHLD, SIG_DFL);
  signal(SIGPIPE, SIG_DFL);
  setsid(); /* out of the server's process group, whatever the call does */
  struct timeval wait = {.tv_sec = 30};
  setsockopt(control, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  char **argv, **env;
  int argc, input;
  int out[2] = {-1, -1}, err[2] = {-1, -1};
  int failed = read_call(control, &argv, &argc, &env, &input);
  if (!failed && (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)) {
    failed = -errno;
  }
  /* the JVM opens the read ends of the pipes through /proc/PID/fd before its go-ahead */
  int said[3] = {failed ? failed : (int) getpid(), out[0], err[0]};
  /* the token first: it proves to the JVM that this is the server it started */
  send(control, token, sizeof token, MSG_NOSIGNAL | MSG_MORE);
  send(control, said, sizeof said, MSG_NOSIGNAL);
  char go;
  if (failed || read_all(control, &go, 1)) {
    _exit(FAILED);
  }
  struct timeval forever = {0};
  setsockopt(control, SOL_SOCKET, SO_RCVTIMEO, &forever, sizeof forever);
  close(out[0]);
  close(err[0]);
  if (dup2(input, 0) < 0 || dup2(out[1], 1) < 0 || dup2(err[1], 2) < 0) {
    answer(control, FAILED);
    _exit(FAILED);
  }
  close(input);
  close(out[1]);
  close(err[1]);
  environ = env;
  status_fd = control;
  served_parent = server;
  launch(argc, argv);
}

static void serve(const char *path, pid_t jvm) {
  /* The server works in the socket's folder and binds the socket's bare name there, so a folder
   * of any length works (an address holds 108 bytes); the JVM reaches a socket whose path is too
   * long through /proc/PID/cwd. Every path a call carries is absolute. */
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  const char *slash = strrchr(path, '/');
  if (path[0] != '/' || slash[1] == '\0' || strlen(slash + 1) >= sizeof addr.sun_path) {
    usage("--serve: expected the socket's absolute path, its name shorter than 108 bytes");
  }
  strcpy(addr.sun_path, slash + 1);
  char *folder = strndup(path, slash == path ? 1 : (size_t) (slash - path));
  if (folder == NULL) {
    fail("--serve");
  }
  path = addr.sun_path;
  static const struct rlimit no_core = {0, 0};
  die_with_parent(jvm);
  setsid(); /* a terminal's signals are for the JVM, which stops its calls itself */
  /* a dump of a call's process would carry the call (its environment and stdin) out of it */
  if (setrlimit(RLIMIT_CORE, &no_core) != 0 || chdir(folder) != 0) {
    fail("--serve");
  }
  signal(SIGCHLD, SIG_IGN); /* each call's process is reaped by the kernel */
  signal(SIGPIPE, SIG_IGN);
  int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  mode_t before = umask(0177);
  if (listener < 0 || bind(listener, (struct sockaddr *) &addr, sizeof addr) != 0) {
    fail("--serve: bind");
  }
  umask(before);
  if (chmod(path, 0600) != 0 || listen(listener, 128) != 0) {
    fail("--serve: listen");
  }
  if (read_all(0, token, sizeof token) != 0) {
    usage("--serve: expected a 32-byte token on stdin");
  }
  if (write(1, "ready\n", 6) != 6) {
    _exit(FAILED);
  }
  pid_t self = getpid();
  for (;;) {
    struct pollfd p[2] = {{.fd = listener, .events = POLLIN}, {.fd = 0, .events = POLLIN}};
    if (poll(p, 2, -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail("poll");
    }
    if (p[1].revents) {
      char b;
      if (read(0, &b, 1) <= 0) {
        unlink(path);
        _exit(0); /* the JVM closed the runtime, or died */
      }
    }
    if (!(p[0].revents & POLLIN)) {
      continue;
    }
    int c = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (c < 0) {
      continue;
    }
    struct ucred peer;
    socklen_t size = sizeof peer;
    if (getsockopt(c, SOL_SOCKET, SO_PEERCRED, &peer, &size) != 0 || peer.pid != jvm) {
      close(c); /* only the JVM itself is served */
      continue;
    }
    pid_t call = fork();
    if (call == 0) {
      close(listener);
      serve_call(c, self);
    }
    if (call < 0) {
      answer(c, -EAGAIN);
    }
    close(c);
  }
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--version") == 0) {
    puts(VERSION);
    return 0;
  }
  if (argc == 5 && strcmp(argv[1], "--serve") == 0 && strcmp(argv[3], "--die-with-parent") == 0) {
    unsigned long long jvm;
    if (parse_uint(argv[4], argv[4] + strlen(argv[4]), &jvm) || jvm == 0 || jvm > 0x7fffffff) {
      usage("--die-with-parent takes the pid of the parent");
    }
    serve(argv[2], (pid_t) jvm);
  }
  launch(argc, argv);
  return FAILED;
}
