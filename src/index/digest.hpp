#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "index/index_file.hpp"

// Digests for checking PEP 658 metadata files and keying the metadata cache (computed by util).
namespace gator::index {

// The lower-case hex digest of `data` with `algorithm` (sha224, sha256, sha384, sha512, sha1,
// md5, blake2b, ...: hashlib's names, whatever util's OpenSSL knows); nothing for an unknown
// algorithm.
[[nodiscard]] std::optional<std::string> hex_digest(std::string_view algorithm,
                                                    std::string_view data);

// Checks `data` against `hashes`: sha256 when given, else the first other algorithm this build
// can compute. Returns "" when it matches (or nothing can be checked), otherwise
// "expected <alg>:<hex>, got <alg>:<hex>".
[[nodiscard]] std::string check_hashes(const FileHashes& hashes, std::string_view data);

}  // namespace gator::index
