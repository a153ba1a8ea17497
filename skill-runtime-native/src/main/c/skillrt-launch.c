/*
 * skillrt-launch: starts one program of a native skill call, in one program start instead of a
 * chain of helpers (setpriv, unshare, timeout, prlimit, setsid).
 *
 *   skillrt-launch [options] -- PROGRAM [ARG...]
 *
 *   --die-with-parent     SIGKILL when the parent (the JVM) dies; ends at once if it already has
 *   --drop UID:GID        root only: clear the supplementary groups and become UID:GID
 *   --pid-namespace       a PID namespace of the call's own; a child is its PID 1 (as --init), so
 *                         when the call ends the kernel kills and reaps all of it, even processes
 *                         that left the session. The child dies with this process
 *   --map-user            with --pid-namespace, when not root: a user namespace of its own where
 *                         the user maps to itself (the program keeps no capability)
 *   --init                act as PID 1: run PROGRAM as a child (PID 2, where signals behave as
 *                         usual), pass on SIGTERM, SIGINT, SIGHUP and SIGQUIT, reap every orphan,
 *                         end when PROGRAM ends, with its exit status (128 + N for signal N)
 *   --setsid              PROGRAM starts a session of its own
 *   --rlimit RES=SOFT:HARD  a resource limit of PROGRAM (and what it starts): as, cpu, nproc, fsize
 *   --version             print the version and end
 *
 * No shell, no PATH lookup: PROGRAM is an absolute path. The environment is handed to PROGRAM
 * unchanged. Failures of the launcher itself exit with 125 and one line on stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
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

static void fail(const char *what) {
  int e = errno;
  fprintf(stderr, "skillrt-launch: %s: %s\n", what, e ? strerror(e) : "invalid");
  _exit(FAILED);
}

static void usage(const char *what) {
  fprintf(stderr, "skillrt-launch: %s\n", what);
  _exit(FAILED);
}

static int parse_uint(const char *s, unsigned long long *out) {
  char *end;
  if (*s < '0' || *s > '9') {
    return -1;
  }
  errno = 0;
  *out = strtoull(s, &end, 10);
  return errno || *end ? -1 : 0;
}

static void add_limit(const char *spec) {
  static const struct {
    const char *name;
    int resource;
  } names[] = {{"as", RLIMIT_AS}, {"cpu", RLIMIT_CPU}, {"nproc", RLIMIT_NPROC},
               {"fsize", RLIMIT_FSIZE}};
  char name[16], soft[32], hard[32];
  unsigned long long s, h;
  if (limit_count == MAX_LIMITS || sscanf(spec, "%15[a-z]=%31[0-9]:%31[0-9]", name, soft, hard) != 3
      || parse_uint(soft, &s) || parse_uint(hard, &h) || s > h) {
    usage("--rlimit takes RES=SOFT:HARD with SOFT <= HARD");
  }
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (strcmp(name, names[i].name) == 0) {
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
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
    fail("prctl(PR_SET_PDEATHSIG)");
  }
  if (getppid() != parent) {
    _exit(FAILED); /* the parent died before the line above */
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
  default_signals();
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
  for (size_t i = 0; i < sizeof passed / sizeof passed[0]; i++) {
    sigaction(passed[i], &sa, NULL);
  }
  pid_t program = fork();
  if (program < 0) {
    fail("fork");
  }
  if (program == 0) {
    run_program(argv, new_session);
  }
  forward_to = program;
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

/* Waits for the namespace's PID 1 and ends the same way it did. */
static void wait_for(pid_t child) {
  int status;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) {
      fail("waitpid");
    }
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

int main(int argc, char **argv) {
  pid_t parent = getppid();
  int die = 0, pid_namespace = 0, mapped = 0, as_init = 0, new_session = 0, drop = 0;
  unsigned long long drop_uid = 0, drop_gid = 0;
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    } else if (strcmp(a, "--die-with-parent") == 0) {
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
      char uid[32], gid[32];
      if (sscanf(argv[++i], "%31[0-9]:%31[0-9]", uid, gid) != 2 || parse_uint(uid, &drop_uid)
          || parse_uint(gid, &drop_gid) || drop_uid == 0 || drop_gid == 0) {
        usage("--drop takes UID:GID of an unprivileged user");
      }
      drop = 1;
    } else if (strcmp(a, "--version") == 0) {
      puts(VERSION);
      return 0;
    } else {
      fprintf(stderr, "skillrt-launch: unknown option %s\n", a);
      return FAILED;
    }
  }
  if (i >= argc || argv[i][0] != '/') {
    usage("expected -- and the absolute path of the program");
  }
  char **program = argv + i;
  if (die) {
    die_with_parent(parent);
  }
  if (drop) {
    if (setgroups(0, NULL) != 0 || setresgid(drop_gid, drop_gid, drop_gid) != 0
        || setresuid(drop_uid, drop_uid, drop_uid) != 0) {
      fail("dropping to the sandbox user");
    }
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
    /* a terminal's SIGINT or a SIGTERM is for the call, not for this process */
    sigemptyset(&held);
    sigaddset(&held, SIGINT);
    sigaddset(&held, SIGTERM);
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
      wait_for(first);
    }
    close(alive[1]);
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
  if (as_init) {
    init(program, new_session);
  }
  run_program(program, new_session);
  return FAILED;
}
