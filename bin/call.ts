import { runCallCommand } from '../client/call-command';
import { processIo } from '../client/cli';

// npm run call -- --user john --path /admin [--role User] [--stack office]: see client/README-section.md.
// The SDK warns on every run that releases after January 2027 need Node 22; the versions pinned here run on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

runCallCommand(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
