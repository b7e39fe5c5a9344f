# `cpack -G DEB` in the build directory makes a Debian package of the tool, its profiles and docs.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/profiles/ DESTINATION share/gator-provision/profiles
        FILES_MATCHING PATTERN "*.toml" PATTERN "README.md")
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION share/doc/gator-provision)

set(CPACK_PACKAGE_NAME gator-provision)
set(CPACK_PACKAGE_VENDOR "gator-provision developers")
set(CPACK_PACKAGE_CONTACT "gator-provision developers <gator-provision@localhost>")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_GENERATOR DEB)
include(CPack)
