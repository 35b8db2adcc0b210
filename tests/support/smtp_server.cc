#include "support/smtp_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace schoolmod::testing {
namespace {

// Set by tests/support/CMakeLists.txt: Debian's interpreter, where python3-aiosmtpd lives (a
// python3 earlier on PATH, e.g. from pyenv, would not have it).
constexpr const char* kPython = SCHOOLMOD_AIOSMTPD_PYTHON;
constexpr const char* kSinkScript = SCHOOLMOD_SMTP_SINK_SCRIPT;
// Generous: the first start on a loaded machine byte-compiles aiosmtpd.
constexpr int kStartTimeoutMs = 60'000;

// Starts argv[0] with stdout on a pipe (when `stdout_fd` is set) and stderr inherited, so the
// child's complaints show in the test log. The child dies with the test process.
pid_t Spawn(const std::vector<std::string>& args, int* stdout_fd) {
  int pipe_fds[2] = {-1, -1};
  if (stdout_fd != nullptr && pipe2(pipe_fds, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);
    if (stdout_fd != nullptr) dup2(pipe_fds[1], STDOUT_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  if (stdout_fd != nullptr) {
    close(pipe_fds[1]);
    *stdout_fd = pipe_fds[0];
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Everything the child writes to stdout, and its exit status.
std::string RunAndCapture(const std::vector<std::string>& args, int* exit_code) {
  int fd = -1;
  const pid_t pid = Spawn(args, &fd);
  std::string out;
  char buffer[4096];
  while (true) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  close(fd);
  *exit_code = Wait(pid);
  return out;
}

// The first line the child prints, waiting at most kStartTimeoutMs.
std::string ReadFirstLine(int fd) {
  std::string line;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(kStartTimeoutMs);
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) break;
    pollfd p{fd, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    char buffer[256];
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    line.append(buffer, static_cast<std::size_t>(n));
  }
  return line.substr(0, line.find('\n'));
}

ParsedMessage FromJson(const nlohmann::json& j) {
  ParsedMessage m;
  m.content_type = j.at("content_type").get<std::string>();
  for (const auto& h : j.at("headers")) {
    m.headers.emplace_back(h.at(0).get<std::string>(), h.at(1).get<std::string>());
  }
  for (const auto& [field, list] : j.at("addresses").items()) {
    auto& out = m.addresses[field];
    for (const auto& a : list) {
      out.emplace_back(a.at(0).get<std::string>(), a.at(1).get<std::string>());
    }
  }
  for (const auto& p : j.at("parts")) {
    m.parts.push_back({p.at("content_type").get<std::string>(), p.at("charset").get<std::string>(),
                       p.at("transfer_encoding").get<std::string>(),
                       p.at("content").get<std::string>()});
  }
  for (const auto& d : j.at("defects")) m.defects.push_back(d.get<std::string>());
  return m;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::vector<std::string> ParsedMessage::HeaderValues(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : headers) {
    if (EqualsNoCase(key, name)) out.push_back(value);
  }
  return out;
}

const ParsedMessage::Part* ParsedMessage::FindPart(std::string_view type) const {
  for (const auto& part : parts) {
    if (part.content_type == type) return &part;
  }
  return nullptr;
}

SmtpServer::SmtpServer(SmtpServerOptions options) : options_(std::move(options)) {
  std::filesystem::create_directories(dir_.path() / "spool");
  std::vector<std::string> args = {kPython, kSinkScript, "--dir", dir_.file("spool"), "--port",
                                   std::to_string(options_.port)};
  for (const auto& r : options_.reject_recipients) {
    args.push_back("--reject-rcpt");
    args.push_back(r);
  }
  if (options_.tempfail_first > 0) {
    args.push_back("--tempfail-first");
    args.push_back(std::to_string(options_.tempfail_first));
  }
  if (!options_.auth_user.empty()) {
    args.insert(args.end(), {"--auth-user", options_.auth_user, "--auth-password",
                             options_.auth_password});
  }
  if (options_.tls != SmtpServerOptions::Tls::kNone) {
    const std::string cert = dir_.file("cert.pem");
    const std::string key = dir_.file("key.pem");
    int code = 0;
    // P-256 rather than RSA: generated in milliseconds. The IP SAN is what curl checks.
    RunAndCapture({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                   "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
                   "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
                   "subjectAltName=IP:127.0.0.1,DNS:localhost"},
                  &code);
    if (code != 0 || !std::filesystem::exists(cert)) {
      throw std::runtime_error("openssl could not make a test certificate");
    }
    ca_file_ = cert;
    args.insert(args.end(), {"--tls-cert", cert, "--tls-key", key, "--tls-mode",
                             options_.tls == SmtpServerOptions::Tls::kImplicit ? "implicit"
                                                                               : "starttls"});
    if (options_.tls == SmtpServerOptions::Tls::kStartTlsRequired) {
      args.push_back("--require-starttls");
    }
  }

  int fd = -1;
  pid_ = Spawn(args, &fd);
  const std::string line = ReadFirstLine(fd);
  close(fd);
  if (line.rfind("PORT ", 0) != 0) {
    kill(pid_, SIGKILL);
    Wait(pid_);
    throw std::runtime_error("SMTP test server did not start (" + std::string(kPython) + " " +
                             kSinkScript + "): got \"" + line + "\"");
  }
  port_ = std::stoi(line.substr(5));
}

SmtpServer::~SmtpServer() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    Wait(pid_);
  }
}

std::string SmtpServer::url() const {
  return (options_.tls == SmtpServerOptions::Tls::kImplicit ? "smtps://127.0.0.1:"
                                                            : "smtp://127.0.0.1:") +
         std::to_string(port_);
}

std::vector<ReceivedMessage> SmtpServer::Received() const {
  std::vector<std::filesystem::path> records;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path() / "spool")) {
    if (entry.path().extension() == ".json") records.push_back(entry.path());
  }
  std::sort(records.begin(), records.end());
  std::vector<ReceivedMessage> out;
  for (const auto& path : records) {
    const auto j = nlohmann::json::parse(ReadFile(path.string()));
    ReceivedMessage m;
    m.mail_from = j.at("mail_from").get<std::string>();
    m.rcpt_tos = j.at("rcpt_tos").get<std::vector<std::string>>();
    m.tls = j.at("tls").get<bool>();
    if (!j.at("auth_login").is_null()) m.auth_login = j.at("auth_login").get<std::string>();
    auto eml = path;
    eml.replace_extension(".eml");
    m.raw = ReadFile(eml.string());
    m.parsed = FromJson(j.at("parsed"));
    out.push_back(std::move(m));
  }
  return out;
}

ParsedMessage ParseMessageFile(const std::string& path) {
  int code = 0;
  const std::string out = RunAndCapture({kPython, kSinkScript, "--parse", path}, &code);
  if (code != 0) throw std::runtime_error("smtp_sink.py --parse " + path + " failed");
  return FromJson(nlohmann::json::parse(out));
}

namespace {

// A TCP socket bound to 127.0.0.1 on a port the kernel picks.
int BindLoopback(int* port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    throw std::runtime_error(std::string("bind: ") + std::strerror(errno));
  }
  *port = ntohs(addr.sin_port);
  return fd;
}

}  // namespace

int UnusedLoopbackPort() {
  int port = 0;
  close(BindLoopback(&port));
  return port;
}

SilentServer::SilentServer() {
  fd_ = BindLoopback(&port_);
  // Never accept(): the kernel still completes handshakes up to the backlog, so a client is
  // connected and waits for a greeting that never comes.
  if (listen(fd_, 16) != 0) {
    close(fd_);
    throw std::runtime_error(std::string("listen: ") + std::strerror(errno));
  }
}

SilentServer::~SilentServer() { close(fd_); }

}  // namespace schoolmod::testing
