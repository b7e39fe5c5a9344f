#include "cache/sha256_hasher.hpp"

#include <array>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include "cache/fs_ops.hpp"
#include "util/error.hpp"

namespace gator::cache {

struct Sha256Hasher::State {
  EVP_MD_CTX* context = nullptr;

  State() : context(EVP_MD_CTX_new()) {
    if (context == nullptr || EVP_DigestInit_ex(context, EVP_sha256(), nullptr) != 1)
      throw Error(ErrorKind::internal, "cannot initialise OpenSSL SHA-256");
  }
  ~State() { EVP_MD_CTX_free(context); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;
};

Sha256Hasher::Sha256Hasher() : m_state(std::make_unique<State>()) {}
Sha256Hasher::~Sha256Hasher() = default;
Sha256Hasher::Sha256Hasher(Sha256Hasher&&) noexcept = default;
Sha256Hasher& Sha256Hasher::operator=(Sha256Hasher&&) noexcept = default;

void Sha256Hasher::update(std::span<const std::byte> bytes) {
  if (bytes.empty())
    return;
  if (EVP_DigestUpdate(m_state->context, bytes.data(), bytes.size()) != 1)
    throw Error(ErrorKind::internal, "OpenSSL SHA-256 update failed");
  m_size += bytes.size();
}

void Sha256Hasher::update(std::string_view bytes) {
  update(std::as_bytes(std::span(bytes.data(), bytes.size())));
}

dist::Sha256 Sha256Hasher::finish() {
  std::array<std::uint8_t, 32> digest{};
  unsigned length = 0;
  if (EVP_DigestFinal_ex(m_state->context, digest.data(), &length) != 1 || length != 32 ||
      EVP_DigestInit_ex(m_state->context, EVP_sha256(), nullptr) != 1) {
    throw Error(ErrorKind::internal, "OpenSSL SHA-256 final failed");
  }
  m_size = 0;
  return dist::Sha256::from_bytes(digest);
}

dist::Sha256 sha256_of(std::string_view bytes) {
  Sha256Hasher hasher;
  hasher.update(bytes);
  return hasher.finish();
}

FileDigest hash_descriptor(int fd, const std::filesystem::path& path) {
  Sha256Hasher hasher;
  std::array<std::byte, 1 << 16> buffer{};
  for (;;) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0) {
      if (errno == EINTR)
        continue;
      throw Error(ErrorKind::io, detail::describe_errno("cannot read", path, errno));
    }
    if (got == 0)
      break;
    hasher.update(std::span(buffer.data(), static_cast<std::size_t>(got)));
  }
  const std::uint64_t size = hasher.size();
  return FileDigest{hasher.finish(), size};
}

FileDigest hash_file(const std::filesystem::path& path) {
  const detail::Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd)
    throw Error(ErrorKind::io, detail::describe_errno("cannot open", path, errno));
  return hash_descriptor(fd.get(), path);
}

}  // namespace gator::cache
