#pragma once

#include <expected>
#include <string>

#include "lock/lockfile.hpp"
#include "util/error.hpp"

// Writing a lock file deterministically, so that a re-lock that changes nothing changes no byte
// and a pull request shows only what changed:
//  - keys in the order of the specification, top-level keys first, then [[packages]], then
//    [tool.gator-provision] (with .target and .sources) and other tools' tables by name;
//  - packages sorted by name, version (PEP 440 order) and marker; wheels by file name;
//    dependencies, extras, groups and environments sorted (arrays on one line when they fit in
//    100 columns, else one element per line);
//  - package sub-tables ([[packages.wheels]], [packages.sdist], ...) indented by four spaces as
//    in the specification's example; hashes as inline tables; strings in double quotes, or in
//    single quotes when they contain a double quote (markers);
//  - upload-time as a UTC date-time with as many fractional digits as needed ("...:10.5Z").
// For a file this writer produced, write(read(text)) == text byte for byte.
namespace gator::lock {

// The text of `lockfile`, or an Error(invalid_input) when it cannot be written:
//  - a URL (wheel, sdist, archive, vcs, index) with userinfo: credentials never go into a lock
//    file (strip them with without_userinfo() first; the error names the URL without them);
//  - a file without a sha256 hash;
//  - anything the reader would refuse (the text is read back before it is returned, so every
//    written file is one parse_lockfile accepts).
[[nodiscard]] std::expected<std::string, Error> write_lockfile(const Lockfile& lockfile);

}  // namespace gator::lock
