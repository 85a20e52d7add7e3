/**
 * Where Chromium-based browsers install themselves on each platform. Any of them renders the PDF: Chromium,
 * Google Chrome and Microsoft Edge share the same engine and DevTools protocol that playwright-core drives.
 */
import { join } from "node:path";

const LINUX = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/snap/bin/chromium",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/opt/google/chrome/chrome",
  "/usr/bin/microsoft-edge",
  "/opt/microsoft/msedge/msedge",
];

const MACOS = [
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
];

/** Windows installs per machine (Program Files) or per user (LocalAppData). */
function windows(env: NodeJS.ProcessEnv): string[] {
  const roots = [env.PROGRAMFILES, env["PROGRAMFILES(X86)"], env.LOCALAPPDATA].filter(
    (r): r is string => !!r,
  );
  const apps = [
    ["Google", "Chrome", "Application", "chrome.exe"],
    ["Microsoft", "Edge", "Application", "msedge.exe"],
    ["Chromium", "Application", "chrome.exe"],
  ];
  return roots.flatMap((root) => apps.map((parts) => join(root, ...parts)));
}

/** The usual install locations on `platform`, most specific first. */
export function browserLocations(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === "darwin") return MACOS;
  if (platform === "win32") return windows(env);
  return LINUX;
}

/** How to get a browser, said once for every message that needs it. */
export const BROWSER_HINT =
  "install Chromium (Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium; " +
  "Windows: Chrome or Edge), or set OTAUDIT_CHROMIUM to the path of Chromium, Chrome or Edge";
