// Text widgets of the labeling and review pages: spans and the relations between them.
import { startTextWidget } from '../widgets/text_spans';
import { onReady } from '../widgets/regions';

onReady('text', startTextWidget);
