// Audio widgets of the labeling and review pages: segments with a label and a transcript each.
import { startAudioWidget } from '../widgets/audio_segments';
import { onReady } from '../widgets/regions';

onReady('audio', startAudioWidget);
