// electron-builder afterPack hook: flips Electron's fuses in the packaged binary so a
// shipped Meshwork cannot be turned into a generic Node runtime or debugged into.
// CommonJS because electron-builder loads hooks with require().
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

function executablePath(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`, 'Contents', 'MacOS', name);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

module.exports = async function afterPack(context) {
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  await flipFuses(executablePath(context), {
    ...FUSES,
    // Asar integrity is validated by Electron on macOS and Windows only.
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: isMac || context.electronPlatformName === 'win32',
    resetAdHocDarwinSignature: isMac,
  });
};

module.exports.FUSES = FUSES;
