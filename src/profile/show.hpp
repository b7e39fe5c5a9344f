#pragma once

#include <string>

#include "profile/profile.hpp"

namespace gator::profile {

// `profile show`: the merged profile as TOML, every value followed by the file and line it
// came from ("# from profiles/mi25.toml:12", "# default").
[[nodiscard]] std::string render_profile_show(const Profile& profile);

// A canonical text of what a lock depends on (python, target, indexes, requirements, sources),
// without provenance, comments or formatting choices of the files: two profiles that lock the
// same way give the same text. The lock module hashes it to tell when a lock is stale.
[[nodiscard]] std::string profile_digest(const Profile& profile);

}  // namespace gator::profile
